import type { MockServer } from '@nocobase/test';
import { PassThrough } from 'stream';
import { InboxStream } from '../server/realtime/inbox-stream';
import { makeMessage } from '../../testing/messages';
import { SseStream } from '../../testing/sse';
import { Listening, authHeaders, createChannel, createInboxApp, createUsers, hubOf, inboxOf, listen, pluginOf, userId, waitUntil } from './test-utils';

const PING_MS = 150;
const streamsOf = (app: MockServer, user: any) => [...hubOf(app).registry.of(userId(user))].length;

/** After each test its streams are closed and gone from the hub; after all of them the server and the app stop. */
function cleanUpStreams(open: SseStream[], running: () => { app: MockServer; server?: Listening }) {
  afterEach(async () => {
    open.splice(0).forEach((stream) => stream.close());
    await waitUntil(async () => hubOf(running().app).registry.size === 0, 'every stream to be closed');
  });
  afterAll(async () => {
    await running().server?.close();
    await running().app?.destroy();
  });
}

describe('stream rules: sessions, caps, tokens', () => {
  let app: MockServer;
  let server: Listening;
  let alice: any;
  let bob: any;
  let carol: any;
  const open: SseStream[] = [];

  const connect = async (headers: Record<string, string>, query = '') => {
    const stream = await SseStream.open(server.api, headers, query);
    open.push(stream);
    return stream;
  };
  const connected = async (user: any) => {
    const stream = await connect(await authHeaders(app, user));
    expect(stream.status).toBe(200);
    await stream.until((s) => s.comments.includes('connected'));
    return stream;
  };

  beforeAll(async () => {
    app = await createInboxApp({ acl: true, inbox: { streamPingMs: PING_MS, maxStreamsPerUser: 3, maxStreams: 6 } });
    await createChannel(app, 'ops', 'Operations');
    [alice, bob, carol] = await createUsers(app, 3);
    server = await listen(app);
  });

  cleanUpStreams(open, () => ({ app, server }));

  it('ends a stream within one ping once its token is signed out, with a last `error` event, and sends nothing after', async () => {
    const headers = await authHeaders(app, alice);
    const stream = await connect(headers);
    await stream.until((s) => s.comments.includes('connected'));
    const signOut = await fetch(`${server.api}/auth:signOut`, { method: 'POST', headers });
    expect(signOut.status).toBe(200);
    const signedOutAt = Date.now();
    await stream.until((s) => s.isEnded, PING_MS * 10);
    expect(stream.endedAt! - signedOutAt).toBeLessThan(PING_MS * 2 + 1000);
    expect(stream.named('error').map((e) => e.data.code)).toEqual(['session-ended']);
    expect(stream.events[stream.events.length - 1].event).toBe('error');
    await inboxOf(app).send({ channelName: 'ops', receivers: [userId(alice)], title: 'after sign-out' });
    await hubOf(app).idle();
    expect(stream.named('message')).toHaveLength(0);
    expect(streamsOf(app, alice)).toBe(0);
    // and the same token cannot open a new one
    expect((await connect(headers)).status).toBe(401);
  });

  it('ends a stream whose token expires while it is open', async () => {
    const { tokenController, jwt } = app.authManager as any;
    const { jti } = await tokenController.add({ userId: userId(bob) });
    const token = jwt.sign({ userId: userId(bob), roleName: 'member' }, { jwtid: jti, expiresIn: 1 });
    const stream = await connect({ Authorization: `Bearer ${token}`, 'X-Authenticator': 'basic', 'X-Role': 'member' });
    expect(stream.status).toBe(200);
    await stream.until((s) => s.isEnded, 5000);
    expect(stream.named('error')[0].data.code).toBe('session-ended');
  });

  it("caps a user's streams: a new one past the cap closes that user's oldest with an `error` event", async () => {
    const [first, second, third] = [await connected(alice), await connected(alice), await connected(alice)];
    const bobs = await connected(bob);
    const fourth = await connected(alice);
    await first.until((s) => s.isEnded);
    expect(first.named('error')[0].data).toMatchObject({ code: 'too-many-streams' });
    expect([second, third, fourth, bobs].map((s) => s.isEnded)).toEqual([false, false, false, false]);
    expect(streamsOf(app, alice)).toBe(3);
    const [message] = await inboxOf(app).send({ channelName: 'ops', receivers: [userId(alice)], title: 'to the open ones' });
    await Promise.all([second, third, fourth].map((s) => s.until((x) => x.named('message').length === 1)));
    expect(first.named('message').map((e) => e.id)).not.toContain(String(message.id));
  });

  it('answers 503 past the streams a node may hold, and opens again once one closes', async () => {
    for (const user of [alice, alice, alice, bob, bob, bob]) await connected(user);
    expect(hubOf(app).registry.size).toBe(6);
    const refused = await connect(await authHeaders(app, carol));
    expect(refused.status).toBe(503);
    expect((await refused.response.json()).errors[0].message).toMatch(/retry later/);
    open[0].close();
    await waitUntil(async () => hubOf(app).registry.size === 5, 'a stream to close');
    expect((await connect(await authHeaders(app, carol))).status).toBe(200);
  });

  it('refuses a token in the query string, even a valid one, and opens no stream', async () => {
    const headers = await authHeaders(app, alice);
    const token = headers.Authorization.replace('Bearer ', '');
    const { Authorization: _dropped, ...rest } = headers;
    for (const [h, query] of [[rest, `?token=${token}`], [headers, `?token=${token}`]] as const) {
      const stream = await connect(h, query);
      expect(stream.status).toBe(401);
      expect((await stream.response.json()).errors[0]).toMatchObject({ field: 'token' });
    }
    expect(hubOf(app).registry.size).toBe(0);
  });
});

describe('a slow reader', () => {
  it('is closed once more than the stream buffer waits for it (it catches up by replay on reconnect)', () => {
    const sink = new PassThrough({ highWaterMark: 16 }); // nobody reads it
    const stream = new InboxStream(7, sink, 0, { bufferBytes: 4096 });
    const big = makeMessage({ userId: 7, channelName: 'ops', content: 'x'.repeat(1000) });
    for (let id = 1; id <= 3; id++) stream.message({ ...big, id });
    expect(stream.isClosed).toBe(false);
    for (let id = 4; id <= 6; id++) stream.message({ ...big, id });
    expect(stream.isClosed).toBe(true);
  });
});

describe('stream requests checked a few at a time (a reconnect storm)', () => {
  let app: MockServer;
  let server: Listening;
  let users: any[];
  const open: SseStream[] = [];
  const gateOf = () => pluginOf(app).realtime.opening;
  /** Whether `promise` is still pending after `ms`. */
  const stillPending = (promise: Promise<unknown>, ms = 300) =>
    Promise.race([promise.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), ms))]);
  const openWith = async (headers: Record<string, string>) => {
    const stream = await SseStream.open(server.api, headers);
    open.push(stream);
    return stream;
  };
  // tokens one after the other: NocoBase's sign-in writes on SQLite do not wait for each other
  const opening = async (user: any) => openWith(await authHeaders(app, user));

  beforeAll(async () => {
    app = await createInboxApp({ acl: true, inbox: { streamOpensAtOnce: 1, maxStreams: 2 } });
    users = await createUsers(app, 3);
    server = await listen(app);
  });

  cleanUpStreams(open, () => ({ app, server }));

  it('holds a stream request while the opening ones fill the gate, other requests not, and opens it in turn', async () => {
    expect(await gateOf().enter()).toBe(true);
    const waiting = opening(users[0]);
    try {
      expect(await stillPending(waiting)).toBe(true);
      const count = await fetch(`${server.api}/myInboxMessages:count`, { headers: await authHeaders(app, users[1]) });
      expect(count.status).toBe(200);
      expect(await stillPending(waiting, 50)).toBe(true);
    } finally {
      gateOf().leave();
    }
    const stream = await waiting;
    expect(stream.status).toBe(200);
    await stream.until((s) => s.comments.includes('connected'));
  });

  it('turns a stream request away (503) when as many wait as the node holds streams, and lets the waiting ones in', async () => {
    const headers = [await authHeaders(app, users[0]), await authHeaders(app, users[1]), await authHeaders(app, users[2])];
    expect(await gateOf().enter()).toBe(true);
    const waiting = [openWith(headers[0]), openWith(headers[1])];
    try {
      await waitUntil(async () => gateOf().waitingCount === 2, 'two stream requests waiting');
      const refused = await openWith(headers[2]);
      expect(refused.status).toBe(503);
    } finally {
      gateOf().leave();
    }
    for (const stream of await Promise.all(waiting)) expect(stream.status).toBe(200);
  });

  it('gives the place of a refused request back: a stream after a 401 opens', async () => {
    const refused = await SseStream.open(server.api, { Authorization: 'Bearer not-a-token' });
    open.push(refused);
    expect(refused.status).toBe(401);
    const stream = await opening(users[0]);
    expect(stream.status).toBe(200);
    expect(gateOf().waitingCount).toBe(0);
  });
});
