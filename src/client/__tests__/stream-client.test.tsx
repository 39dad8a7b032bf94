import { reconnectDelay, StreamClient } from '../stream/stream-client';
import { fakeEventStream } from './fakes';

const flush = async (times = 5) => {
  for (let i = 0; i < times; i += 1) await Promise.resolve();
};

describe('reconnectDelay', () => {
  const backoff = { initialMs: 1000, maxMs: 30000 };

  it('doubles per attempt up to the cap', () => {
    expect([0, 1, 2, 3, 10].map((attempt) => reconnectDelay(attempt, backoff, () => 1))).toEqual([1000, 2000, 4000, 8000, 30000]);
  });

  it('keeps at least half the delay and randomises the rest', () => {
    expect(reconnectDelay(2, backoff, () => 0)).toBe(2000);
    expect(reconnectDelay(2, backoff, () => 0.5)).toBe(3000);
  });
});

describe('StreamClient', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const start = (stream: ReturnType<typeof fakeEventStream>, extra: Partial<ConstructorParameters<typeof StreamClient>[0]> = {}) => {
    const events: { event: string; data: string; id: string | null }[] = [];
    const onOpen = jest.fn();
    const client = new StreamClient({
      url: '/api/myInboxMessages:stream',
      getHeaders: () => ({ Authorization: 'Bearer token-1', 'X-Role': 'member' }),
      onEvent: (event) => events.push(event),
      onOpen,
      fetch: stream.fetch,
      random: () => 1,
      ...extra,
    });
    client.start();
    return { client, events, onOpen };
  };

  it('connects with the API headers and asks for an event stream', async () => {
    const stream = fakeEventStream();
    const { client, onOpen } = start(stream);
    await flush();
    expect(stream.connections[0].url).toBe('/api/myInboxMessages:stream');
    expect(stream.connections[0].headers).toMatchObject({
      Authorization: 'Bearer token-1',
      'X-Role': 'member',
      Accept: 'text/event-stream',
    });
    expect(stream.connections[0].headers['Last-Event-ID']).toBeUndefined();
    expect(onOpen).toHaveBeenCalledTimes(1);
    client.stop();
  });

  it('reconnects with backoff after the stream ends and resumes from the last event id', async () => {
    const stream = fakeEventStream();
    const { client, events, onOpen } = start(stream);
    await flush();
    stream.send('message', { id: 41 }, 41);
    stream.send('message', { id: 42 }, 42);
    await flush();
    expect(events.map((e) => e.id)).toEqual(['41', '42']);

    stream.connections[0].end();
    await flush();
    expect(stream.connections).toHaveLength(1);
    jest.advanceTimersByTime(999);
    await flush();
    expect(stream.connections).toHaveLength(1);
    jest.advanceTimersByTime(1);
    await flush();
    expect(stream.connections).toHaveLength(2);
    expect(stream.connections[1].headers['Last-Event-ID']).toBe('42');
    expect(onOpen).toHaveBeenCalledTimes(2);
    client.stop();
  });

  it('resumes from the `start` event\'s id when the stream drops before any message came', async () => {
    const stream = fakeEventStream();
    const { client } = start(stream);
    await flush();
    stream.send('start', { after: 0 }, 0);
    await flush();
    stream.connections[0].end();
    await flush();
    jest.advanceTimersByTime(1000);
    await flush();
    expect(stream.connections[1].headers['Last-Event-ID']).toBe('0');
    client.stop();
  });

  it('backs off longer after each failed attempt and resets after a success', async () => {
    const stream = fakeEventStream();
    const failing = jest.fn(async () => ({ ok: false, status: 502, body: null }) as unknown as Response);
    const { client } = start(stream, { fetch: failing });
    await flush();
    expect(failing).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1000);
    await flush();
    expect(failing).toHaveBeenCalledTimes(2);
    jest.advanceTimersByTime(1999);
    await flush();
    expect(failing).toHaveBeenCalledTimes(2);
    jest.advanceTimersByTime(1);
    await flush();
    expect(failing).toHaveBeenCalledTimes(3);
    client.stop();
  });

  it('starts from a given last event id (a tab taking over the stream)', async () => {
    const stream = fakeEventStream();
    const { client } = start(stream, { lastEventId: '99' });
    await flush();
    expect(stream.connections[0].headers['Last-Event-ID']).toBe('99');
    client.stop();
  });

  it('drops a silent connection after the idle timeout and reconnects', async () => {
    const stream = fakeEventStream();
    const { client } = start(stream, { idleTimeoutMs: 5000 });
    await flush();
    jest.advanceTimersByTime(4000);
    stream.connections[0].write(': ping\n\n');
    await flush();
    jest.advanceTimersByTime(4000);
    await flush();
    expect(stream.connections).toHaveLength(1);
    jest.advanceTimersByTime(1000);
    await flush();
    jest.advanceTimersByTime(1000);
    await flush();
    expect(stream.connections).toHaveLength(2);
    client.stop();
  });

  it('stops for good: no event after stop() and no reconnection', async () => {
    const stream = fakeEventStream();
    const { client, events } = start(stream);
    await flush();
    client.stop();
    stream.send('message', { id: 1 }, 1);
    jest.advanceTimersByTime(60000);
    await flush();
    expect(events).toEqual([]);
    expect(stream.connections).toHaveLength(1);
  });
});
