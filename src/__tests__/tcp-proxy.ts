import net from 'net';
import type { AddressInfo } from 'net';

/**
 * A loopback TCP proxy a test can cut and restore: a Redis outage for one app node, while Redis itself
 * keeps serving the others. Cut, it drops every connection and refuses new ones.
 */
export class TcpProxy {
  private readonly sockets = new Set<net.Socket>();
  private cut = false;
  /** Connections turned away while cut: how many times a client has tried (and failed) to reach Redis. */
  refused = 0;

  private constructor(
    private readonly server: net.Server,
    private readonly target: { host: string; port: number },
  ) {}

  /** A proxy to the Redis of `redisUrl` (a `redis://host:port` URL), open unless `cut` is given. */
  static async toRedis(redisUrl: string, options: { cut?: boolean } = {}): Promise<TcpProxy> {
    const url = new URL(redisUrl);
    const target = { host: url.hostname || '127.0.0.1', port: Number(url.port) || 6379 };
    let proxy: TcpProxy;
    const server = net.createServer((client) => proxy.accept(client));
    proxy = new TcpProxy(server, target);
    proxy.cut = Boolean(options.cut);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The outage: open connections drop, new ones are closed as soon as they arrive. */
  disconnect(): void {
    this.cut = true;
    this.sockets.forEach((socket) => socket.destroy());
    this.sockets.clear();
  }

  reconnect(): void {
    this.cut = false;
  }

  async close(): Promise<void> {
    this.disconnect();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.cut) {
      this.refused++;
      client.destroy();
      return;
    }
    const upstream = net.connect(this.target);
    for (const [from, to] of [[client, upstream], [upstream, client]]) {
      this.sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        to.destroy();
      });
    }
  }
}
