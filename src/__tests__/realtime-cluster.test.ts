import type { MockServer } from '@nocobase/test';
import { INLINE_LIMIT } from '../server/realtime/created-payload';
import { RedisPubSubAdapter } from '../server/realtime/redis-pubsub-adapter';
import { SseStream } from '../../testing/sse';
import { TcpProxy } from './tcp-proxy';
import { Listening, authHeaders, createChannel, createInboxApp, createUsers, hubOf, inboxOf, listen, userId, waitUntil } from './test-utils';

const redisUrl = process.env.INBOX_TEST_REDIS_URL;
const sharedDatabase = Boolean(process.env.DB_DIALECT && process.env.DB_DIALECT !== 'sqlite');
const runnable = Boolean(redisUrl && sharedDatabase);
if (!runnable) {
  console.info('realtime-cluster: skipped (needs INBOX_REDIS_URL and a shared database: DB_DIALECT=postgres|mysql|mariadb; .ci/run sets both)');
}
const describeCluster = runnable ? describe : describe.skip;

const adapterOf = (app: MockServer) => (app.pubSubManager as any).adapter as RedisPubSubAdapter;
const messageIds = (stream: SseStream) => stream.named('message').map((e) => e.data.id as number);

/**
 * Two app nodes on one database and one Redis, as a cluster runs: node A talks to Redis directly, node B
 * through a proxy the tests cut to make B's link fail while Redis keeps serving A.
 */
describeCluster('real-time events across app nodes (PostgreSQL/MariaDB + Redis)', () => {
  const appName = `inbox_cluster_${Date.now().toString(36)}`;
  let proxy: TcpProxy;
  let nodeA: MockServer;
  let nodeB: MockServer;
  let httpA: Listening;
  let httpB: Listening;
  let alice: any;
  const open: SseStream[] = [];

  const connect = async (node: MockServer, http: Listening, user: any) => {
    const stream = await SseStream.open(http.api, await authHeaders(node, user));
    open.push(stream);
    await stream.until((s) => s.named('count').length > 0);
    return stream;
  };
  const send = (node: MockServer, title: string) =>
    inboxOf(node).send({ channelName: 'ops', title, receivers: [userId(alice)] }).then(([m]) => m);

  beforeAll(async () => {
    proxy = await TcpProxy.toRedis(redisUrl!);
    const node = { name: appName, skipSupervisor: true };
    nodeA = await createInboxApp({ ...node, instanceId: 1, inbox: { redisUrl } });
    await createChannel(nodeA, 'ops', 'Operations');
    [alice] = await createUsers(nodeA, 1);
    // the second node starts on the database the first installed, as a new cluster member does
    nodeB = await createInboxApp({ ...node, instanceId: 2, skipInstall: true, inbox: { redisUrl: proxy.url } });
    [httpA, httpB] = [await listen(nodeA), await listen(nodeB)];
    const bothConnected = async () => adapterOf(nodeA).isConnected() && adapterOf(nodeB).isConnected();
    await waitUntil(bothConnected, 'both nodes connected to Redis');
  });

  afterEach(() => open.splice(0).forEach((stream) => stream.close()));

  afterAll(async () => {
    await httpA?.close();
    await httpB?.close();
    await nodeB?.destroy();
    await nodeA?.destroy();
    await proxy?.close();
  });

  it('installs the Redis adapter on each node whose pub/sub has none', () => {
    expect(adapterOf(nodeA)).toBeInstanceOf(RedisPubSubAdapter);
    expect(adapterOf(nodeB)).toBeInstanceOf(RedisPubSubAdapter);
  });

  it('delivers a message sent on node A to a stream on node B, and once to the sender node', async () => {
    const [onA, onB] = [await connect(nodeA, httpA, alice), await connect(nodeB, httpB, alice)];
    const message = await send(nodeA, 'Sent on A');
    await onB.until((s) => messageIds(s).includes(message.id));
    await onA.until((s) => messageIds(s).includes(message.id));
    await onB.until((s) => s.events.slice(s.events.findIndex((e) => e.event === 'message')).some((e) => e.event === 'count'));
    // a read after it travels the same way (locally, and through Redis in order): once it is in, a doubled delivery would be too
    await inboxOf(nodeA).setRead(userId(alice), [message.id], true);
    await Promise.all([onA, onB].map((s) => s.until((x) => x.named('update').length === 1)));
    expect(messageIds(onB)).toEqual([message.id]);
    expect(messageIds(onA)).toEqual([message.id]);
    expect(onB.named('message')[0].data).toEqual(JSON.parse(JSON.stringify(message)));
  });

  it('reads a message too large to carry from the database on node B, whole', async () => {
    const onB = await connect(nodeB, httpB, alice);
    const content = 'x'.repeat(INLINE_LIMIT + 1);
    const [message] = await inboxOf(nodeA).send({ channelName: 'ops', title: 'Large', content, receivers: [userId(alice)] });
    await onB.until((s) => messageIds(s).includes(message.id));
    expect(onB.named('message')[0].data).toMatchObject({ id: message.id, title: 'Large', content });
  });

  it('carries a read made on node B to a tab on node A as `update` + `count`', async () => {
    const message = await send(nodeA, 'Read me on B');
    const onA = await connect(nodeA, httpA, alice);
    await inboxOf(nodeB).setRead(userId(alice), [message.id], true);
    await onA.until((s) => s.named('update').length === 1);
    expect(onA.named('update')[0].data).toMatchObject({ change: 'read', ids: [message.id] });
    await onA.until((s) => s.events.slice(s.events.findIndex((e) => e.event === 'update')).some((e) => e.event === 'count'));
  });

  it("keeps delivering locally while node B's Redis link is down, warns, and catches both nodes up once it is back", async () => {
    const [onA, onB] = [await connect(nodeA, httpA, alice), await connect(nodeB, httpB, alice)];
    const warn = jest.spyOn(adapterOf(nodeB).logger, 'warn');

    proxy.disconnect();
    await waitUntil(async () => !adapterOf(nodeB).isConnected(), 'node B to see its Redis link down');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Redis pub\/sub unavailable/));

    const fromA = await send(nodeA, 'Sent on A during the outage');
    const fromB = await send(nodeB, 'Sent on B during the outage');
    await onA.until((s) => messageIds(s).includes(fromA.id));
    await onB.until((s) => messageIds(s).includes(fromB.id));
    expect(messageIds(onB)).not.toContain(fromA.id);

    proxy.reconnect();
    await waitUntil(async () => adapterOf(nodeB).isConnected(), 'node B to reconnect to Redis');
    const both = [fromA.id, fromB.id].sort((x, y) => x - y);
    await onB.until((s) => both.every((id) => messageIds(s).includes(id)));
    await onA.until((s) => both.every((id) => messageIds(s).includes(id)));
    await hubOf(nodeA).idle();
    await hubOf(nodeB).idle();
    expect([...messageIds(onA)].sort((x, y) => x - y)).toEqual(both);
    expect([...messageIds(onB)].sort((x, y) => x - y)).toEqual(both);

    const after = await send(nodeA, 'After the outage');
    await onB.until((s) => messageIds(s).includes(after.id));
    warn.mockRestore();
  });

  it('lets a reconnecting client replay on the other node what it missed on this one', async () => {
    const onB = await connect(nodeB, httpB, alice);
    const last = await send(nodeB, 'Seen on B');
    await onB.until((s) => messageIds(s).includes(last.id));
    onB.close();
    const missed = [await send(nodeA, 'Missed 1'), await send(nodeA, 'Missed 2')].map((m) => m.id);
    const onA = await SseStream.open(httpA.api, { ...(await authHeaders(nodeA, alice)), 'Last-Event-ID': String(last.id) });
    open.push(onA);
    await onA.until((s) => s.named('message').length >= 2);
    expect(messageIds(onA)).toEqual(missed);
  });

  it('starts a node while Redis is unreachable: local delivery works, and it joins the cluster once Redis is back', async () => {
    const outage = await TcpProxy.toRedis(redisUrl!, { cut: true });
    const nodeC = await createInboxApp({ name: appName, skipSupervisor: true, instanceId: 3, skipInstall: true, inbox: { redisUrl: outage.url } });
    const httpC = await listen(nodeC);
    try {
      expect(adapterOf(nodeC).isConnected()).toBe(false);
      const onC = await connect(nodeC, httpC, alice);
      const local = await send(nodeC, 'Local on C');
      await onC.until((s) => messageIds(s).includes(local.id));

      outage.reconnect();
      await waitUntil(async () => adapterOf(nodeC).isConnected(), 'node C to connect to Redis');
      const remote = await send(nodeA, 'From A to C');
      await onC.until((s) => messageIds(s).includes(remote.id));
    } finally {
      await httpC.close();
      await nodeC.destroy();
      await outage.close();
    }
  });
});
