import { PassThrough } from 'stream';
import { AdmissionGate } from '../server/realtime/admission-gate';
import { CoalescingQueue } from '../server/realtime/coalescing-queue';
import { INLINE_LIMIT, packCreated, unpackCreated } from '../server/realtime/created-payload';
import { DeliveryTarget, EventBus } from '../server/realtime/event-bus';
import { CatchUpSource, InboxStream } from '../server/realtime/inbox-stream';
import { DEFAULT_PING_MS, isRedisUrl, realtimeConfig } from '../server/realtime/realtime-config';
import { Outgoing, messageEvent, messageEvents } from '../server/realtime/message-events';
import { RecentIds } from '../server/realtime/recent-ids';
import { formatComment, formatEvent } from '../server/realtime/sse';
import { TurnQueue } from '../server/realtime/turn-queue';
import { InboxEvents } from '../server/services/inbox-events';
import type { InboxMessage } from '../shared/contract';
import { makeMessage } from '../../testing/messages';
import { sseFeed } from '../../testing/sse';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** One array for every copy, as one send's copies share theirs. */
const NO_ACTIONS: InboxMessage['actions'] = [];

/** A message of user 7 on `ops`; a fixed time, so one send's copies share every field but id and receiver. */
const message = (id: number, extra: Partial<InboxMessage> = {}): InboxMessage =>
  makeMessage({ id, userId: 7, channelName: 'ops', title: `m${id}`, createdAt: new Date(0).toISOString(), actions: NO_ACTIONS, ...extra });

/** A stream on a PassThrough, and the message ids written to it so far, in order. */
const openStream = (startId = 0) => {
  const sink = new PassThrough();
  let text = '';
  const ids: number[] = [];
  const feed = sseFeed({
    onEvent: ({ id }) => {
      if (id !== undefined) ids.push(Number(id));
    },
  });
  sink.on('data', (chunk) => {
    text += chunk;
    feed(String(chunk));
  });
  const stream = new InboxStream(7, sink, startId);
  return { stream, sink, ids: () => [...ids], text: () => text };
};

/** The user's stored messages, readable as a catch-up reads them; `gate` holds a read until released. */
const storeOf = (ids: number[]) => {
  const rows = new Map(ids.map((id) => [id, message(id)]));
  let gate: Promise<void> = Promise.resolve();
  const source: CatchUpSource = {
    idsAfter: async (afterId, limit) => {
      await gate;
      return [...rows.keys()].filter((id) => id > afterId).sort((a, b) => a - b).slice(0, limit);
    },
    load: async (wanted) => wanted.map((id) => rows.get(id) as InboxMessage),
  };
  return {
    source,
    add: (id: number) => rows.set(id, message(id)),
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => release();
    },
  };
};

describe('SSE wire format', () => {
  it('writes an event with its name, id and one JSON data line, ended by a blank line', () => {
    expect(formatEvent({ event: 'message', id: 12, data: { title: 'a\nb' } })).toBe(
      'event: message\nid: 12\ndata: {"title":"a\\nb"}\n\n',
    );
  });

  it('leaves the id out of events that have none', () => {
    expect(formatEvent({ event: 'count', data: { unread: 1 } })).toBe('event: count\ndata: {"unread":1}\n\n');
  });

  it('keeps a comment on one line', () => {
    expect(formatComment('ping\nevent: forged')).toBe(': ping event: forged\n\n');
  });
});

describe('RecentIds', () => {
  it('remembers the last ids up to its capacity and says when it forgot older ones', () => {
    const recent = new RecentIds(3);
    [5, 3, 9].forEach((id) => recent.add(id));
    expect(recent.hasForgotten).toBe(false);
    expect(recent.oldest()).toBe(3);
    recent.add(11);
    expect(recent.has(5)).toBe(false);
    expect(recent.has(11)).toBe(true);
    expect(recent.hasForgotten).toBe(true);
    expect(recent.oldest()).toBe(3);
    [12, 13, 14].forEach((id) => recent.add(id)); // around the ring once more
    expect([3, 9, 11, 12, 13, 14].map((id) => recent.has(id))).toEqual([false, false, false, true, true, true]);
    expect(recent.oldest()).toBe(12);
  });

  it('writes an id it already holds once', () => {
    const recent = new RecentIds(2);
    [4, 4, 5].forEach((id) => recent.add(id));
    expect(recent.hasForgotten).toBe(false);
    expect([recent.has(4), recent.has(5)]).toEqual([true, true]);
  });
});

describe('CoalescingQueue', () => {
  it('runs a key added many times in one tick once', async () => {
    const runs: number[] = [];
    const queue = new CoalescingQueue<number>(async (key) => void runs.push(key), 4, () => undefined);
    [1, 1, 2, 1, 2].forEach((key) => queue.add(key));
    await queue.idle();
    expect(runs).toEqual([1, 2]);
  });

  it('never runs more than its concurrency at once', async () => {
    let running = 0;
    let peak = 0;
    const queue = new CoalescingQueue<number>(
      async () => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      },
      3,
      () => undefined,
    );
    for (let key = 0; key < 20; key++) queue.add(key);
    await queue.idle();
    expect(peak).toBe(3);
  });

  it('runs a key added while it runs once more afterwards, never twice at a time', async () => {
    const events: string[] = [];
    let release!: () => void;
    const queue = new CoalescingQueue<string>(
      async (key) => {
        events.push(`start ${key}`);
        if (events.length === 1) await new Promise<void>((r) => (release = r));
        events.push(`end ${key}`);
      },
      4,
      () => undefined,
    );
    queue.add('u');
    await tick();
    queue.add('u');
    queue.add('u');
    await tick();
    expect(events).toEqual(['start u']);
    release();
    await queue.idle();
    expect(events).toEqual(['start u', 'end u', 'start u', 'end u']);
  });

  it('reports a failed job and goes on with the others', async () => {
    const failed: unknown[] = [];
    const done: number[] = [];
    const queue = new CoalescingQueue<number>(
      async (key) => {
        if (key === 1) throw new Error('boom');
        done.push(key);
      },
      1,
      (error, key) => failed.push([key, (error as Error).message]),
    );
    [1, 2].forEach((key) => queue.add(key));
    await queue.idle();
    expect(failed).toEqual([[1, 'boom']]);
    expect(done).toEqual([2]);
  });
});

describe('InboxStream', () => {
  it('writes a message delivered twice once', async () => {
    const { stream, ids } = openStream();
    stream.message(message(4));
    stream.message(message(4));
    await tick();
    expect(ids()).toEqual([4]);
  });

  it('replays what follows its first id, holding live events meanwhile and writing each message once', async () => {
    const store = storeOf([1, 2, 3, 4]);
    const { stream, ids, text } = openStream(1);
    const release = store.hold();
    const replay = stream.catchUp(store.source);
    store.add(5);
    stream.message(message(4)); // committed before the replay read: both see it
    stream.message(message(5));
    stream.update({ userId: 7, change: 'read', ids: [2] });
    await tick();
    expect(ids()).toEqual([]);
    release();
    await replay;
    await tick();
    expect(ids()).toEqual([2, 3, 4, 5]);
    expect(text().indexOf('event: update')).toBeGreaterThan(text().lastIndexOf('id: 4'));
  });

  it('finds a message that committed after a newer one was written (ids out of order)', async () => {
    const store = storeOf([10, 12]);
    const { stream, ids } = openStream(9);
    stream.message(message(10));
    stream.message(message(12));
    store.add(11); // its transaction began first, committed last, and its live event was lost
    await stream.catchUp(store.source);
    await tick();
    expect(ids()).toEqual([10, 12, 11]);
  });

  it('waits for its start (the newest id when it opened) before catching up, so it never replays old history', async () => {
    const store = storeOf([1, 2, 3]);
    const { stream, ids } = openStream();
    let known!: (id: number) => void;
    void stream.startAfter(new Promise((resolve) => (known = resolve)));
    const catchUp = stream.catchUp(store.source); // the pub/sub link came back while the stream was opening
    store.add(4);
    known(3);
    await catchUp;
    await tick();
    expect(ids()).toEqual([3, 4]); // the `start` event's id, then the message
  });

  it('gives no `start` id once a newer message was written: the client\'s last id never moves back', async () => {
    const { stream, ids } = openStream();
    stream.message(message(5)); // committed after the read of the newest id
    await stream.startAfter(Promise.resolve(4));
    await tick();
    expect(ids()).toEqual([5]);
  });

  it('closes a stream whose client stopped reading, instead of buffering without bound', () => {
    const sink = new PassThrough(); // nobody reads it
    const stream = new InboxStream(7, sink);
    const big = 'x'.repeat(1024 * 1024);
    for (let id = 1; id <= 10 && !stream.isClosed; id++) stream.message(message(id, { content: big }));
    expect(stream.isClosed).toBe(true);
    expect(sink.writableEnded).toBe(true);
  });
});

/** The copies one send makes: shared fields (one `options` object, as the store builds them), ids and receivers apart. */
const copies = (refs: [number, number][], extra: Partial<InboxMessage> = {}) => {
  const options = { source: 'test' };
  return refs.map(([id, userId]) => message(id, { userId, title: 'hello', options, ...extra }));
};

describe('created payload', () => {
  it("carries one send's shared fields once, and the other node rebuilds each copy from them", () => {
    const sent = copies([[1, 7], [2, 8], [3, 9]]);
    const payload = JSON.parse(JSON.stringify(packCreated(sent)));
    expect(payload.refs).toEqual([[1, 7], [2, 8], [3, 9]]);
    expect(JSON.stringify(payload).split('hello').length - 1).toBe(1);
    expect(unpackCreated(payload.message, payload.refs.slice(1))).toEqual(JSON.parse(JSON.stringify(sent.slice(1))));
  });

  it('sends refs only when the shared fields are large or the messages are not copies of one send', () => {
    expect(packCreated(copies([[1, 7]], { content: 'x'.repeat(INLINE_LIMIT) }))).toEqual({ kind: 'created', refs: [[1, 7]] });
    const mixed = [...copies([[1, 7]]), ...copies([[2, 8]], { title: 'other' })];
    expect(packCreated(mixed)).toEqual({ kind: 'created', refs: [[1, 7], [2, 8]] });
  });
});

/** An event's id line (or undefined) and its data, parsed. */
const parsedEvent = ({ chunk }: Outgoing) => ({
  id: /^id: (.*)$/m.exec(chunk)?.[1],
  data: JSON.parse(/^data: (.*)$/m.exec(chunk)?.[1] as string),
});

describe('message events', () => {
  it("serializes one send's shared fields once, and each copy's event carries what its own serialization does", () => {
    const sent = copies([[1, 7], [2, 8], [3, 9]], { options: { source: 'test', nested: { a: [1, 'x\ny'] } } });
    const stringify = jest.spyOn(JSON, 'stringify');
    const eventOf = messageEvents(sent);
    const events = sent.map(eventOf);
    expect(stringify.mock.calls.filter(([value]) => typeof value === 'object').length).toBe(1);
    stringify.mockRestore();
    events.forEach((event, i) => {
      expect(event.messageId).toBe(sent[i].id);
      expect(parsedEvent(event)).toEqual(parsedEvent(messageEvent(sent[i])));
      expect(parsedEvent(event)).toEqual({ id: String(sent[i].id), data: JSON.parse(JSON.stringify(sent[i])) });
    });
  });

  it('writes woken copies without an id, and messages that are not copies of one send each on their own', () => {
    const woken = copies([[1, 7], [2, 8]], { wokenAt: new Date(0).toISOString() });
    const events = woken.map(messageEvents(woken));
    expect(events.map((event) => [event.messageId, parsedEvent(event).id])).toEqual([[undefined, undefined], [undefined, undefined]]);
    expect(events.map((event) => parsedEvent(event).data.wokenAt)).toEqual([woken[0].wokenAt, woken[1].wokenAt]);
    const mixed = [...copies([[1, 7]]), ...copies([[2, 8]], { title: 'other' })];
    expect(mixed.map(messageEvents(mixed)).map((event) => parsedEvent(event).data.title)).toEqual(['hello', 'other']);
  });
});

describe('TurnQueue', () => {
  const steps = (log: string[], name: string, count: number) =>
    function* () {
      for (let i = 0; i < count; i++) {
        log.push(`${name}${i}`);
        yield;
      }
    };

  it('runs a job that fits in the turn at once', () => {
    const log: string[] = [];
    new TurnQueue(5, jest.fn()).push(steps(log, 'a', 3)());
    expect(log).toEqual(['a0', 'a1', 'a2']);
  });

  it('runs jobs in the order they came, a slice of steps per turn, and says when it is idle', async () => {
    const log: string[] = [];
    const queue = new TurnQueue(2, jest.fn());
    queue.push(steps(log, 'a', 3)());
    queue.push(steps(log, 'b', 2)());
    expect(log).toEqual(['a0', 'a1']);
    await tick();
    expect(log).toEqual(['a0', 'a1', 'a2', 'b0']);
    await queue.idle();
    expect(log).toEqual(['a0', 'a1', 'a2', 'b0', 'b1']);
  });

  it('reports a job that throws and goes on with the next', async () => {
    const log: string[] = [];
    const onError = jest.fn();
    const queue = new TurnQueue(10, onError);
    queue.push(
      (function* () {
        yield;
        throw new Error('boom');
      })(),
    );
    queue.push(steps(log, 'b', 1)());
    await queue.idle();
    expect(onError).toHaveBeenCalledWith(new Error('boom'));
    expect(log).toEqual(['b0']);
  });
});

/** An in-memory pub/sub shared by several buses: JSON on the way, as through Redis, and never echoed to its sender. */
const pubSubLink = () => {
  const members: ((payload: unknown) => Promise<void>)[][] = [];
  return () => {
    const mine: ((payload: unknown) => Promise<void>)[] = [];
    members.push(mine);
    return {
      isConnected: async () => true,
      subscribe: async (_channel: string, callback: (payload: unknown) => Promise<void>) => void mine.push(callback),
      unsubscribe: async () => void mine.splice(0),
      publish: async (_channel: string, payload: unknown) => {
        const wire = JSON.stringify(payload);
        await Promise.all(members.filter((m) => m !== mine).flat().map((callback) => callback(JSON.parse(wire))));
      },
    };
  };
};

/** A node: its bus, what reached its streams (users 8 and 9 stream here) and its database reads. */
const busNode = async (join: ReturnType<typeof pubSubLink>, stored: InboxMessage[]) => {
  const events = new InboxEvents();
  const delivered: InboxMessage[] = [];
  const target: DeliveryTarget = {
    wants: (userId) => userId === 8 || userId === 9,
    messages: (messages) => void delivered.push(...messages),
    change: () => undefined,
    resync: () => undefined,
  };
  const load = jest.fn(async (ids: number[]) => stored.filter((m) => ids.includes(m.id)));
  const bus = new EventBus(events, join() as any, target, load, { warn: jest.fn(), error: jest.fn() });
  await bus.start();
  return { events, bus, delivered, load };
};

describe('EventBus across nodes', () => {
  const crossNodes = async (sent: InboxMessage[]) => {
    const join = pubSubLink();
    const [a, b] = [await busNode(join, sent), await busNode(join, sent)];
    a.events.emit('created', sent);
    await tick();
    await tick();
    await Promise.all([a.bus.stop(), b.bus.stop()]);
    return b;
  };

  it('delivers a small message to the streaming users of another node without reading the database', async () => {
    const sent = copies([[1, 7], [2, 8], [3, 9]]);
    const remote = await crossNodes(sent);
    expect(remote.delivered).toEqual(JSON.parse(JSON.stringify(sent.slice(1))));
    expect(remote.load).not.toHaveBeenCalled();
  });

  it('reads a large message from the database on the other node, only for the users streaming there', async () => {
    const sent = copies([[1, 7], [2, 8]], { content: 'x'.repeat(INLINE_LIMIT + 1) });
    const remote = await crossNodes(sent);
    expect(remote.load).toHaveBeenCalledWith([2]);
    expect(remote.delivered).toEqual([sent[1]]);
  });
});

describe('AdmissionGate', () => {
  const settled = () => new Promise((resolve) => setImmediate(resolve));

  it('lets `concurrency` in at once, the others in arrival order as places are handed over', async () => {
    const gate = new AdmissionGate(2, 10);
    const admitted: string[] = [];
    const come = (name: string) => gate.enter().then((ok) => ok && admitted.push(name));
    ['a', 'b', 'c', 'd'].forEach((name) => void come(name));
    await settled();
    expect(admitted).toEqual(['a', 'b']);
    expect(gate.waitingCount).toBe(2);
    gate.leave();
    await settled();
    expect(admitted).toEqual(['a', 'b', 'c']);
    gate.leave();
    gate.leave();
    gate.leave();
    await settled();
    expect(admitted).toEqual(['a', 'b', 'c', 'd']);
    // every place free again: two enter at once
    expect(await Promise.all([gate.enter(), gate.enter()])).toEqual([true, true]);
    expect(gate.waitingCount).toBe(0);
  });

  it('turns a newcomer away once `maxWaiting` wait', async () => {
    const gate = new AdmissionGate(1, 1);
    expect(await gate.enter()).toBe(true);
    const second = gate.enter();
    expect(await gate.enter()).toBe(false);
    gate.leave();
    expect(await second).toBe(true);
  });
});

describe('realtimeConfig', () => {
  it('takes plugin options over env and env over defaults', () => {
    expect(realtimeConfig({}, {})).toMatchObject({ pingMs: DEFAULT_PING_MS, redisUrl: undefined });
    expect(realtimeConfig({}, { INBOX_STREAM_PING_MS: '5000', INBOX_REDIS_URL: 'redis://r:6379' })).toMatchObject({
      pingMs: 5000,
      redisUrl: 'redis://r:6379',
    });
    expect(realtimeConfig({ streamPingMs: 100, redisUrl: 'redis://o' }, { INBOX_STREAM_PING_MS: '5000' })).toMatchObject({
      pingMs: 100,
      redisUrl: 'redis://o',
    });
  });

  it('checks and opens 4 stream requests at once unless told otherwise', () => {
    expect(realtimeConfig({}, {}).streamOpensAtOnce).toBe(4);
    expect(realtimeConfig({}, { INBOX_STREAM_OPENS_AT_ONCE: '16' }).streamOpensAtOnce).toBe(16);
    expect(realtimeConfig({ streamOpensAtOnce: 2 }, { INBOX_STREAM_OPENS_AT_ONCE: '16' }).streamOpensAtOnce).toBe(2);
    expect(realtimeConfig({ streamOpensAtOnce: 0 }, { INBOX_STREAM_OPENS_AT_ONCE: 'many' }).streamOpensAtOnce).toBe(4);
  });

  it('caps streams per user (10) and per node (20,000) and buffers 256 KB a stream unless told otherwise', () => {
    expect(realtimeConfig({}, {})).toMatchObject({ maxStreamsPerUser: 10, maxStreams: 20000, streamBufferBytes: 256 * 1024 });
    const env = { INBOX_MAX_STREAMS_PER_USER: '3', INBOX_MAX_STREAMS: '50', INBOX_STREAM_BUFFER_BYTES: '1024' };
    expect(realtimeConfig({}, env)).toMatchObject({ maxStreamsPerUser: 3, maxStreams: 50, streamBufferBytes: 1024 });
    expect(realtimeConfig({ maxStreamsPerUser: 2, maxStreams: 0 }, env)).toMatchObject({ maxStreamsPerUser: 2, maxStreams: 50 });
  });

  it('ignores a ping interval that is not a positive whole number', () => {
    expect(realtimeConfig({ streamPingMs: -1 }, { INBOX_STREAM_PING_MS: 'soon' }).pingMs).toBe(DEFAULT_PING_MS);
  });

  it('accepts only redis:// and rediss:// URLs ioredis can take', () => {
    expect(['redis://127.0.0.1:6379', 'rediss://user:pw@cache.example.com', 'redis://h/2'].map(isRedisUrl)).toEqual([true, true, true]);
    expect(['127.0.0.1:6379', 'redis://h:port', 'http://h', ''].map(isRedisUrl)).toEqual([false, false, false, false]);
  });
});
