import type { InboxStream } from './inbox-stream';

/**
 * The open streams of this app node, by user. One timer pings them all (not one per stream), and runs
 * only while a stream is open.
 */
export class StreamRegistry {
  private readonly byUser = new Map<number, Set<InboxStream>>();
  private open = 0;
  private pinger?: NodeJS.Timeout;

  constructor(private readonly pingMs: number) {}

  get size(): number {
    return this.open;
  }

  /**
   * Registers a stream and returns the user's streams it pushes past `maxPerUser`, oldest first (a Set keeps the
   * order streams were added in): the caller ends them.
   */
  add(stream: InboxStream, maxPerUser = Infinity): InboxStream[] {
    const streams = this.byUser.get(stream.userId) ?? new Set<InboxStream>();
    if (streams.has(stream)) return [];
    streams.add(stream);
    this.byUser.set(stream.userId, streams);
    this.open++;
    this.pinger ??= setInterval(() => this.ping(), this.pingMs).unref();
    const evicted = [...streams].slice(0, Math.max(0, streams.size - maxPerUser));
    evicted.forEach((old) => this.remove(old));
    return evicted;
  }

  remove(stream: InboxStream): void {
    const streams = this.byUser.get(stream.userId);
    if (!streams?.delete(stream)) return;
    if (!streams.size) this.byUser.delete(stream.userId);
    this.open--;
    if (!this.open) this.stopPinging();
  }

  has(userId: number): boolean {
    return this.byUser.has(userId);
  }

  of(userId: number): Iterable<InboxStream> {
    return this.byUser.get(userId) ?? [];
  }

  *all(): Iterable<InboxStream> {
    for (const streams of this.byUser.values()) yield* streams;
  }

  /** Ends every stream (the app stops): clients reconnect, to this node or another, and replay. */
  closeAll(): void {
    const streams = [...this.all()];
    this.byUser.clear();
    this.open = 0;
    this.stopPinging();
    streams.forEach((stream) => stream.close());
  }

  private ping(): void {
    for (const stream of this.all()) void stream.ping();
  }

  private stopPinging(): void {
    clearInterval(this.pinger);
    this.pinger = undefined;
  }
}
