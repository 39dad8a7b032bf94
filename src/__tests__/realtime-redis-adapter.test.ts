import type { Logger } from '@nocobase/logger';
import { RedisPubSubAdapter } from '../server/realtime/redis-pubsub-adapter';
import { TcpProxy } from './tcp-proxy';
import { waitUntil } from './test-utils';

const redisUrl = process.env.INBOX_TEST_REDIS_URL;
if (!redisUrl) console.info('realtime-redis-adapter: skipped (set INBOX_REDIS_URL to a Redis to run it; .ci/run does)');
const describeWithRedis = redisUrl ? describe : describe.skip;

/** What the adapter logged, by level. */
const recorder = () => {
  const logged = { info: [] as string[], warn: [] as string[], error: [] as string[] };
  return {
    logged,
    logger: {
      info: (m: string) => logged.info.push(m),
      warn: (m: string) => logged.warn.push(m),
      error: (m: string) => logged.error.push(m),
    },
  };
};


describeWithRedis('RedisPubSubAdapter against a real Redis', () => {
  const adapters: RedisPubSubAdapter[] = [];
  const proxies: TcpProxy[] = [];
  const channel = `inbox-test.${Date.now().toString(36)}`;

  const adapter = (url: string, onConnected?: () => void) => {
    const log = recorder();
    const created = new RedisPubSubAdapter({ url, logger: log.logger as unknown as Logger, onConnected, connectTimeoutMs: 500 });
    adapters.push(created);
    return { adapter: created, logged: log.logged };
  };

  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((a) => a.close()));
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });

  it('carries a message published on one adapter to the subscribers of another', async () => {
    const { adapter: a } = adapter(redisUrl!);
    const { adapter: b } = adapter(redisUrl!);
    await Promise.all([a.connect(), b.connect()]);
    const received: string[] = [];
    await b.subscribe(channel, async (message) => void received.push(message));
    await a.publish(channel, 'hello');
    await waitUntil(async () => received.length === 1, 'the message');
    expect(received).toEqual(['hello']);
  });

  it('lets the app start while Redis is unreachable, warns once, and connects by itself when it is back', async () => {
    const proxy = await TcpProxy.toRedis(redisUrl!, { cut: true });
    proxies.push(proxy);
    let connections = 0;
    const { adapter: a, logged } = adapter(proxy.url, () => connections++);
    const started = Date.now();
    await a.connect();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(a.isConnected()).toBe(false);
    const received: string[] = [];
    await a.subscribe(channel, async (message) => void received.push(message)); // waits in ioredis' queue
    await expect(a.publish(channel, 'lost')).rejects.toThrow();
    await waitUntil(() => proxy.refused >= 4, 'several connection attempts to fail');
    expect(logged.warn).toHaveLength(1);
    expect(logged.warn[0]).toMatch(/Redis pub\/sub unavailable/);

    proxy.reconnect();
    // onConnected: connected, and subscribed again, so the message below cannot be published before that
    await waitUntil(async () => connections === 1, 'the adapter to connect');
    expect(a.isConnected()).toBe(true);
    expect(logged.info.join()).toMatch(/reconnected/);
    await a.publish(channel, 'after');
    await waitUntil(async () => received.length === 1, 'the message');
    expect(received).toEqual(['after']);
  });

  it('survives a dropped link: reports it, resubscribes after reconnecting and calls onConnected again', async () => {
    const proxy = await TcpProxy.toRedis(redisUrl!);
    proxies.push(proxy);
    const { adapter: publisher } = adapter(redisUrl!);
    let connections = 0;
    // what a node does on onConnected (catch its streams up) must not miss a message published right then: the
    // adapter reports the link up only once it is subscribed again (a publish straight to Redis outruns the proxy)
    const { adapter: a, logged } = adapter(proxy.url, () => {
      connections++;
      if (connections === 2) void publisher.publish(channel, 'at once');
    });
    await Promise.all([a.connect(), publisher.connect()]);
    const received: string[] = [];
    await a.subscribe(channel, async (message) => void received.push(message));
    await waitUntil(async () => connections === 1, 'the adapter to report its link up');

    proxy.disconnect();
    await waitUntil(async () => !a.isConnected(), 'the adapter to see its link down');
    expect(logged.warn).toHaveLength(1);
    proxy.reconnect();
    await waitUntil(async () => received.length === 1, 'the message published on onConnected');
    expect(received).toEqual(['at once']);
    expect(connections).toBe(2);
  });
});
