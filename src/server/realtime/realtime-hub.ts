import type { Logger } from '@nocobase/logger';
import type { InboxService } from '../services/inbox-service';
import { CoalescingQueue } from './coalescing-queue';
import type { DeliveryTarget } from './event-bus';
import { InboxError } from '../services/errors';
import { CatchUpSource, InboxStream, StreamOptions, StreamSink } from './inbox-stream';
import type { RealtimeConfig } from './realtime-config';
import { StreamRegistry } from './stream-registry';
import type { InboxChange, InboxMessage } from '../../shared/contract';

type StreamLimits = Pick<RealtimeConfig, 'pingMs' | 'maxStreamsPerUser' | 'maxStreams' | 'streamBufferBytes'>;

/** Count queries and catch-ups running at once: leaves the database pool to the app's requests. */
const CONCURRENCY = 4;

/**
 * This node's streams and what is written to them: messages and changes as they come, a fresh `count`
 * after each (one query per user per tick, however many events), and catch-ups from the database.
 */
export class RealtimeHub implements DeliveryTarget {
  readonly registry: StreamRegistry;
  private readonly counts: CoalescingQueue<number>;
  private readonly catchUps: CoalescingQueue<InboxStream>;

  constructor(
    private readonly inbox: InboxService,
    private readonly limits: StreamLimits,
    private readonly log: Pick<Logger, 'error'>,
  ) {
    this.registry = new StreamRegistry(limits.pingMs);
    const failed = (what: string) => (error: unknown) => this.log.error(`[inbox] ${what} failed`, { error });
    this.counts = new CoalescingQueue((userId) => this.sendCounts(userId), CONCURRENCY, failed('unread count for a stream'));
    this.catchUps = new CoalescingQueue((stream) => this.catchUp(stream), CONCURRENCY, failed('stream catch-up'));
  }

  /** Call before answering a stream request: past the node's cap it is a 503 (the client retries, maybe elsewhere). */
  assertRoom(): void {
    if (this.registry.size >= this.limits.maxStreams) {
      throw new InboxError(503, undefined, 'this server holds as many live streams as it may: retry later');
    }
  }

  /**
   * Opens a stream: registered first, so live events flow (held) while it replays every message after
   * `afterId` — or, without one, while it learns the newest id a later catch-up starts from.
   */
  open(userId: number, sink: StreamSink, afterId?: number, session?: StreamOptions['session']): InboxStream {
    const stream = new InboxStream(userId, sink, afterId, { bufferBytes: this.limits.streamBufferBytes, session });
    const evicted = this.registry.add(stream, this.limits.maxStreamsPerUser);
    const cap = `more than ${this.limits.maxStreamsPerUser} streams open for this user: the oldest is closed`;
    evicted.forEach((old) => old.end('too-many-streams', cap));
    stream.comment('connected');
    const ready =
      afterId === undefined
        ? stream.startAfter(this.inbox.latestMessageId(userId))
        : stream.catchUp(this.sourceOf(userId));
    // through the user's queue, not straight to this tab: counts of one user are computed one at a time, so
    // a snapshot read before a change is never written after the one read after it
    ready.then(
      () => this.counts.add(userId),
      (error) => {
        this.log.error('[inbox] stream replay failed: closing it so the client retries', { error });
        this.close(stream);
      },
    );
    return stream;
  }

  close(stream: InboxStream): void {
    this.registry.remove(stream);
    stream.close();
  }

  closeAll(): void {
    this.registry.closeAll();
  }

  /** Resolves when no count or catch-up is pending (tests, shutdown). */
  async idle(): Promise<void> {
    await this.catchUps.idle();
    await this.counts.idle();
  }

  wants(userId: number): boolean {
    return this.registry.has(userId);
  }

  messages(messages: InboxMessage[]): void {
    for (const message of messages) {
      for (const stream of this.registry.of(message.userId)) stream.message(message);
      if (this.registry.has(message.userId)) this.counts.add(message.userId);
    }
  }

  change(change: InboxChange): void {
    if (!this.registry.has(change.userId)) return;
    for (const stream of this.registry.of(change.userId)) stream.update(change);
    this.counts.add(change.userId);
  }

  resync(): void {
    for (const stream of this.registry.all()) this.catchUps.add(stream);
  }

  private async catchUp(stream: InboxStream): Promise<void> {
    if (stream.isClosed) return;
    await stream.catchUp(this.sourceOf(stream.userId));
    this.counts.add(stream.userId);
  }

  private sourceOf(userId: number): CatchUpSource {
    return {
      idsAfter: (afterId, limit) => this.inbox.messageIdsAfter(userId, afterId, limit),
      load: (ids) => this.inbox.messagesById(ids),
    };
  }

  private async sendCounts(userId: number): Promise<void> {
    if (!this.registry.has(userId)) return;
    const counts = await this.inbox.counts(userId);
    for (const stream of this.registry.of(userId)) stream.count(counts);
  }
}
