import type { Logger as AppLogger } from '@nocobase/logger';
import Redis, { RedisOptions } from 'ioredis';

type Callback = (message: string) => Promise<unknown> | unknown;

type Logger = Pick<AppLogger, 'info' | 'warn' | 'error'>;

export interface RedisPubSubAdapterOptions {
  url: string;
  logger: Logger;
  /**
   * Called each time both connections are (again) ready and every subscription is in place: whatever was published
   * meanwhile was lost, and nothing published from now on will be.
   */
  onConnected?: () => void;
  /** How long `connect()` waits for Redis before letting the app start without it. */
  connectTimeoutMs?: number;
}

const RETRY_MAX_MS = 2000;

/**
 * A pub/sub adapter for NocoBase's `app.pubSubManager` over Redis: one connection publishes, one
 * subscribes. Redis being down never fails the app: `connect()` returns, publishing reports "not
 * connected", one warning is logged per outage, and ioredis reconnects (and resubscribes) by itself.
 */
export class RedisPubSubAdapter {
  readonly logger: Logger;
  private pub?: Redis;
  private sub?: Redis;
  private readonly handlers = new Map<string, Set<Callback>>();
  private up = false;
  /** A link is ready and its subscriptions are being confirmed (see onReady). */
  private confirming = false;
  private warned = false;
  private closing = false;

  constructor(private readonly options: RedisPubSubAdapterOptions) {
    this.logger = options.logger;
  }

  isConnected(): boolean {
    return this.pub?.status === 'ready' && this.sub?.status === 'ready';
  }

  async connect(): Promise<void> {
    this.closing = false;
    // publishes fail fast while down (their loss is caught up later); subscriptions wait for the link
    this.pub = this.client({ enableOfflineQueue: false, autoResendUnfulfilledCommands: false });
    this.sub = this.client({ enableOfflineQueue: true });
    this.sub.on('message', (channel: string, message: string) => this.dispatch(channel, message));
    const attempts = Promise.allSettled([this.pub.connect(), this.sub.connect()]);
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, this.options.connectTimeoutMs ?? 3000).unref());
    await Promise.race([attempts, timeout]);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.handlers.clear();
    this.up = this.confirming = false;
    for (const client of [this.pub, this.sub]) client?.disconnect();
    this.pub = this.sub = undefined;
  }

  async subscribe(channel: string, callback: Callback): Promise<void> {
    const callbacks = this.handlers.get(channel);
    if (callbacks) {
      callbacks.add(callback);
      return;
    }
    this.handlers.set(channel, new Set([callback]));
    const subscribed = this.subscriber().subscribe(channel);
    // while Redis is down the command waits in ioredis' queue; awaiting it would hold up the app's start
    if (this.isConnected()) await subscribed;
    else subscribed.catch((error) => this.logger.warn(`[inbox] Redis subscribe to ${channel} failed`, { error }));
  }

  async unsubscribe(channel: string, callback: Callback): Promise<void> {
    const callbacks = this.handlers.get(channel);
    if (!callbacks?.delete(callback) || callbacks.size) return;
    this.handlers.delete(channel);
    await this.sub?.unsubscribe(channel).catch(() => undefined);
  }

  async publish(channel: string, message: string): Promise<void> {
    if (!this.pub) throw new Error('Redis pub/sub is not connected');
    await this.pub.publish(channel, message);
  }

  private subscriber(): Redis {
    if (!this.sub) throw new Error('Redis pub/sub is not connected');
    return this.sub;
  }

  private client(options: RedisOptions): Redis {
    const client = new Redis(this.options.url, {
      lazyConnect: true,
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(times * 100, RETRY_MAX_MS),
      ...options,
    });
    // a client closed by close() may still report; only the current ones count
    const current = () => client === this.pub || client === this.sub;
    client.on('ready', () => current() && this.onReady());
    client.on('error', (error: Error) => current() && this.onDown(error));
    client.on('close', () => current() && this.onDown());
    return client;
  }

  private dispatch(channel: string, message: string): void {
    for (const callback of this.handlers.get(channel) ?? []) {
      Promise.resolve()
        .then(() => callback(message))
        .catch((error) => this.logger.error(`[inbox] a pub/sub handler of ${channel} failed`, { error }));
    }
  }

  /**
   * ioredis emits 'ready' before it sends its resubscriptions; a PING sent after them (next turn, on the same
   * connection) is answered once they are in place. Only then is the link up: the catch-up onConnected starts cannot
   * miss a message published between it and the subscriptions.
   */
  private onReady(): void {
    if (this.up || this.confirming || !this.isConnected()) return;
    this.confirming = true;
    const sub = this.sub;
    setImmediate(() => {
      const confirmed = () => {
        this.confirming = false;
        if (sub === this.sub && this.isConnected()) this.markUp();
      };
      sub?.ping().then(confirmed, () => (this.confirming = false));
    });
  }

  private markUp(): void {
    if (this.up) return;
    this.up = true;
    if (this.warned) this.logger.info('[inbox] Redis pub/sub reconnected: catching streams up');
    this.warned = false;
    this.options.onConnected?.();
  }

  private onDown(error?: Error): void {
    if (this.closing) return;
    this.up = false;
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(
      `[inbox] Redis pub/sub unavailable (${error?.message ?? 'connection closed'}): events reach only this node's streams until it reconnects`,
    );
  }
}
