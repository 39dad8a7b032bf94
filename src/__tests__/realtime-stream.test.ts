import type { MockServer } from '@nocobase/test';
import { SseStream } from '../../testing/sse';
import { Listening, authHeaders, createChannel, createInboxApp, createUsers, hubOf, inboxOf, listen, loginAs, userId, waitUntil } from './test-utils';

describe('myInboxMessages:stream over real HTTP', () => {
  let app: MockServer;
  let server: Listening;
  let alice: any;
  let bob: any;
  const open: SseStream[] = [];

  const connect = async (user: any, query = '', extra: Record<string, string> = {}) => {
    const stream = await SseStream.open(server.api, { ...(await authHeaders(app, user)), ...extra }, query);
    open.push(stream);
    return stream;
  };
  const send = (to: any[], title: string) =>
    inboxOf(app).send({ channelName: 'ops', title, content: `**${title}**`, receivers: to.map(userId) });

  beforeAll(async () => {
    app = await createInboxApp({ acl: true, inbox: { streamPingMs: 150 } });
    await createChannel(app, 'ops', 'Operations');
    [alice, bob] = await createUsers(app, 2);
    server = await listen(app);
  });

  afterEach(() => open.splice(0).forEach((stream) => stream.close()));

  afterAll(async () => {
    await server?.close();
    await app?.destroy();
  });

  it('answers 401 without a token, or with a forged one, and opens no stream', async () => {
    const before = hubOf(app).registry.size;
    const forged = { Authorization: 'Bearer forged', 'X-Authenticator': 'basic' };
    for (const headers of [{}, forged] as Record<string, string>[]) {
      const stream = await SseStream.open(server.api, headers);
      expect(stream.status).toBe(401);
      expect(stream.response.headers.get('content-type')).not.toMatch(/event-stream/);
    }
    expect(hubOf(app).registry.size).toBe(before);
  });

  it('opens with headers that keep proxies from buffering, uncompressed, then the current unread count', async () => {
    const stream = await connect(alice, '', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(stream.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get('cache-control')).toMatch(/no-cache/);
    expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.response.headers.get('content-encoding')).toBeNull();
    await stream.until((s) => s.named('count').length > 0);
    expect(stream.named('count')[0].data).toMatchObject({ unread: expect.any(Number), channels: expect.any(Object) });
  });

  it('delivers a message again, as news and without an event id, when its snooze ends while the stream is open', async () => {
    const stream = await connect(bob);
    const [message] = await send([bob], 'Call back later');
    await stream.until((s) => s.named('message').some((e) => e.data.id === message.id));
    const until = new Date(Date.now() + 60_000);
    await inboxOf(app).snooze(userId(bob), [message.id], until);
    expect(await inboxOf(app).wakeDue(new Date(until.getTime() + 1000))).toBe(1);
    await stream.until((s) => s.named('message').filter((e) => e.data.id === message.id).length === 2);
    const woken = stream.named('message').filter((e) => e.data.id === message.id)[1];
    expect(woken.data).toMatchObject({ id: message.id, readAt: null, wokenAt: expect.any(String) });
    expect(woken.id).toBeUndefined();
  });

  it('delivers a send as a `message` event with the full row, its id as the event id, then the new count', async () => {
    const stream = await connect(alice);
    await stream.until((s) => s.named('count').length > 0);
    const before = stream.named('count')[0].data.unread;
    const [message] = await send([alice], 'Disk almost full');
    await stream.until((s) => s.named('message').length === 1 && s.named('count').length === 2);
    const [event] = stream.named('message');
    expect(event.id).toBe(String(message.id));
    expect(event.data).toEqual(JSON.parse(JSON.stringify(message)));
    expect(stream.named('count')[1].data.unread).toBe(before + 1);
  });

  it('keeps every tab in sync: a read in one arrives in the others as `update` then `count`', async () => {
    const [tab1, tab2] = [await connect(alice), await connect(alice)];
    const [message] = await send([alice], 'Invoice overdue');
    await Promise.all([tab1, tab2].map((t) => t.until((s) => s.named('message').length === 1)));
    await hubOf(app).idle(); // the counts of the send are written: what follows the update is its own
    const agent = await loginAs(app, alice);
    const before = (await agent.resource('myInboxMessages').count()).body.data;

    const res = await agent.resource('myInboxMessages').markRead({ filterByTk: message.id });
    expect(res.status).toBe(200);

    const after = (await agent.resource('myInboxMessages').count()).body.data;
    expect(after.channels.ops.unread).toBe(before.channels.ops.unread - 1);
    for (const tab of [tab1, tab2]) {
      const afterUpdate = (s: SseStream) => s.events.slice(s.events.findIndex((e) => e.event === 'update') + 1);
      await tab.until((s) => s.named('update').length === 1 && afterUpdate(s).some((e) => e.event === 'count'));
      expect(tab.named('update')[0].data).toEqual({ userId: userId(alice), change: 'read', ids: [message.id] });
      expect(afterUpdate(tab).find((e) => e.event === 'count')?.data).toEqual(after);
    }
  });

  it('muting a channel in one tab re-sends the count, muted channel left out, to every tab', async () => {
    await send([bob], 'Muted soon');
    const tab = await connect(bob);
    await tab.until((s) => s.named('count').length > 0);
    await hubOf(app).idle();
    const agent = await loginAs(app, bob);
    await agent.resource('myInboxPreferences').set({ values: { mutedChannels: ['ops'] } });
    await tab.until((s) => s.named('update').some((e) => e.data.change === 'preferences'));
    await tab.until((s) => s.named('count').some((e) => e.data.channels.ops?.muted === true));
    expect(tab.named('count').slice(-1)[0].data.unread).toBe(0);
    await agent.resource('myInboxPreferences').set({ values: { mutedChannels: [] } });
  });

  it("gives another user's stream nothing of it", async () => {
    const [mine, theirs] = [await connect(alice), await connect(bob)];
    await Promise.all([mine, theirs].map((t) => t.until((s) => s.named('count').length > 0)));
    const [message] = await send([alice], 'For Alice only');
    await inboxOf(app).setRead(userId(alice), [message.id], true);
    await mine.until((s) => s.named('update').length === 1);
    const [own] = await send([bob], 'For Bob');
    await theirs.until((s) => s.named('message').length === 1);
    expect(theirs.named('message').map((e) => e.data.id)).toEqual([own.id]);
    expect(theirs.named('update')).toEqual([]);
    expect(theirs.events.every((e) => e.event !== 'message' || e.data.userId === userId(bob))).toBe(true);
  });

  it("writes each streaming receiver of a send its own count, the receivers' counts read together", async () => {
    const tabs = [await connect(alice), await connect(bob)];
    /** The tab has written the message titled `title` and a count after it. */
    const countedAfter = (tab: SseStream, title: string) =>
      tab.until((s) => {
        const message = s.events.findIndex((e) => e.event === 'message' && e.data.title === title);
        return message >= 0 && s.events.slice(message).some((e) => e.event === 'count');
      });
    await Promise.all(tabs.map((tab) => tab.until((s) => s.named('count').length > 0)));
    // unlike histories, so counts handed to the wrong user would show
    await send([alice], 'Alice has one more');
    await countedAfter(tabs[0], 'Alice has one more');
    await hubOf(app).idle();
    const countsOf = jest.spyOn(inboxOf(app), 'countsOf');
    try {
      await send([alice, bob], 'For both');
      await Promise.all(tabs.map((tab) => countedAfter(tab, 'For both')));
      expect(countsOf.mock.calls.map(([users]) => [...users].sort((a, b) => a - b))).toEqual([[userId(alice), userId(bob)].sort((a, b) => a - b)]);
    } finally {
      countsOf.mockRestore();
    }
    for (const [tab, user] of [[tabs[0], alice], [tabs[1], bob]] as const) {
      expect(tab.named('count').slice(-1)[0].data).toEqual(await inboxOf(app).counts(userId(user)));
    }
  });

  it('sends a `: ping` comment on the configured interval', async () => {
    const stream = await connect(bob);
    await stream.until((s) => s.comments.filter((c) => c === 'ping').length >= 2, 3000);
  });

  it('frees the registry entry when the client goes away', async () => {
    const registry = hubOf(app).registry;
    await waitUntil(async () => registry.size === 0, 'the tabs of earlier tests to be freed');
    const stream = await connect(bob);
    await stream.until((s) => s.named('count').length > 0);
    expect(registry.size).toBe(1);
    expect(registry.has(userId(bob))).toBe(true);
    stream.close();
    await waitUntil(async () => registry.size === 0, 'the closed tab to be freed');
    expect(registry.has(userId(bob))).toBe(false);
  });

  it('replays all 100 messages sent while disconnected, in order, exactly once (Last-Event-ID header)', async () => {
    const first = await connect(alice);
    const [seen] = await send([alice], 'Before the drop');
    await first.until((s) => s.named('message').some((e) => e.data.id === seen.id));
    first.close();

    const sent: number[] = [];
    for (let i = 0; i < 100; i++) sent.push((await send([alice], `While away ${i}`))[0].id);

    const again = await connect(alice, '', { 'Last-Event-ID': String(seen.id) });
    await again.until((s) => s.named('message').length >= 100 && s.named('count').length > 0);
    const ids = again.named('message').map((e) => Number(e.id));
    expect(ids).toEqual(sent);
    expect(again.named('message').map((e) => e.data.title)).toEqual(sent.map((_, i) => `While away ${i}`));
  });

  it('replays from the `lastEventId` query while live sends race it: each message once, none missing', async () => {
    const [start] = await send([alice], 'Checkpoint');
    const backlog: number[] = [];
    for (let i = 0; i < 30; i++) backlog.push((await send([alice], `Backlog ${i}`))[0].id);

    const sendLive = async () => {
      const ids: number[] = [];
      for (let i = 0; i < 20; i++) ids.push((await send([alice], `Live ${i}`))[0].id);
      return ids;
    };
    const headers = await authHeaders(app, alice);
    const racing = sendLive(); // one after another: SQLite takes one write transaction at a time
    const stream = await SseStream.open(server.api, headers, `?lastEventId=${start.id}`);
    open.push(stream);
    const live = await racing;
    const expected = [...backlog, ...live].sort((a, b) => a - b);

    await stream.until((s) => s.named('message').length >= expected.length);
    // one more send, after them all: once it is in, a message written twice would be in too
    const [last] = await send([alice], 'After the race');
    await stream.until((s) => s.named('message').some((e) => e.data.id === last.id));
    const ids = stream.named('message').map((e) => Number(e.id)).filter((id) => id !== last.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('starts a stream opened without Last-Event-ID with a `start` event whose id is the newest message then', async () => {
    const [newest] = await send([alice], 'Before the stream');
    const stream = await connect(alice);
    await stream.until((s) => s.named('start').length > 0 && s.named('count').length > 0);
    expect(stream.named('start')).toEqual([expect.objectContaining({ id: String(newest.id), data: { after: newest.id } })]);
    expect(stream.events.findIndex((e) => e.event === 'start')).toBeLessThan(stream.events.findIndex((e) => e.event === 'count'));
  });

  it('replays a message sent between a stream dropped before any message came and its reconnect (from `start`)', async () => {
    const first = await connect(bob);
    await first.until((s) => s.named('start').length > 0);
    first.close();
    const [missed] = await send([bob], 'Sent while reconnecting');

    const again = await connect(bob, '', { 'Last-Event-ID': first.named('start')[0].id as string });
    await again.until((s) => s.named('message').length > 0 && s.named('count').length > 0);
    expect(again.named('message').map((e) => e.data.id)).toEqual([missed.id]);
    expect(again.named('start')).toEqual([]);
  });

  it('resumes from 0, the `start` id of a user who had no message yet, replaying what came since', async () => {
    const [carol] = await createUsers(app, 1);
    const first = await connect(carol);
    await first.until((s) => s.named('start').length > 0);
    expect(first.named('start')[0]).toMatchObject({ id: '0', data: { after: 0 } });
    first.close();
    const [missed] = await send([carol], 'Her first message');

    const again = await connect(carol, '', { 'Last-Event-ID': '0' });
    await again.until((s) => s.named('message').length > 0);
    expect(again.named('message').map((e) => e.data.id)).toEqual([missed.id]);
  });

  it('answers 400 naming lastEventId when it is not a message id', async () => {
    const stream = await connect(alice, '?lastEventId=abc');
    expect(stream.status).toBe(400);
    expect((await stream.response.json()).errors[0].field).toBe('lastEventId');
  });
});

describe('a node given a malformed Redis URL', () => {
  it('starts without a Redis adapter and streams on this node', async () => {
    const app = await createInboxApp({ inbox: { redisUrl: 'redis://cache:port' } });
    const server = await listen(app);
    try {
      expect((app.pubSubManager as any).adapter).toBeUndefined();
      await createChannel(app, 'ops', 'Operations');
      const [user] = await createUsers(app, 1);
      const stream = await SseStream.open(server.api, await authHeaders(app, user));
      const [message] = await inboxOf(app).send({ channelName: 'ops', title: 'Still here', receivers: [userId(user)] });
      await stream.until((s) => s.named('message').some((e) => e.data.id === message.id));
      stream.close();
    } finally {
      await server.close();
      await app.destroy();
    }
  });
});
