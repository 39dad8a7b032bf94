import type { Logger } from '@nocobase/logger';
import { COUNTS_PER_READ, type InboxService } from '../services/inbox-service';
import { BatchingQueue } from './batching-queue';
import { CoalescingQueue } from './coalescing-queue';
import type { DeliveryTarget } from './event-bus';
import { InboxError } from '../services/errors';
import { CatchUpSource, InboxStream, StreamOptions, StreamSink } from './inbox-stream';
import { messageEvents } from './message-events';
import type { RealtimeConfig } from './realtime-config';
import { StreamRegistry } from './stream-registry';
import { TurnQueue } from './turn-queue';
import type { InboxChange, InboxMessage } from '../../shared/contract';

type StreamLimits = Pick<RealtimeConfig, 'pingMs' | 'maxStreamsPerUser' | 'maxStreams' | 'streamBufferBytes'>;

/** Count queries and catch-ups running at once: leaves the database pool to the app's requests. */
const CONCURRENCY = 4;
/**
 * Stream writes per turn of the event loop. Small enough that a turn stays short (tens of ms on a loaded
 * machine) and the first slice's clients read while later slices are written; large enough that the turns
 * themselves cost nothing.
 */
const WRITES_PER_TURN = 500;

/**
 * This node's streams and what is written to them: messages and changes as they come, a fresh `count`
 * after each (one query per batch of users per tick, however many events), and catch-ups from the database.
 */
export class RealtimeHub implements DeliveryTarget {
  readonly registry: StreamRegistry;
  /** Users whose streams want fresh counts, read a batch of users per statement. */
  private readonly counts: BatchingQueue<number>;
  private readonly catchUps: CoalescingQueue<InboxStream>;
  /** Events to write, in the order they came, a slice of streams per turn of the event loop. */
  private readonly writes: TurnQueue;

  constructor(
    private readonly inbox: InboxService,
    private readonly limits: StreamLimits,
    private readonly log: Pick<Logger, 'error'>,
  ) {
    this.registry = new StreamRegistry(limits.pingMs);
    const failed = (what: string) => (error: unknown) => this.log.error(`[inbox] ${what} failed`, { error });
    this.counts = new BatchingQueue(
      (userIds) => this.sendCounts(userIds),
      { concurrency: CONCURRENCY, batchSize: COUNTS_PER_READ },
      failed('unread counts for streams'),
    );
    this.catchUps = new CoalescingQueue((stream) => this.catchUp(stream), CONCURRENCY, failed('stream catch-up'));
    this.writes = new TurnQueue(WRITES_PER_TURN, failed('writing an event to the streams'));
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
    // through the users' queue, not straight to this tab: counts of one user are computed one at a time (a user
    // is in one running batch at most), so a snapshot read before a change is never written after one read after it
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

  /** Resolves when no write, count or catch-up is pending (tests, shutdown). */
  async idle(): Promise<void> {
    await this.writes.idle();
    await this.catchUps.idle();
    await this.counts.idle();
  }

  wants(userId: number): boolean {
    return this.registry.has(userId);
  }

  messages(messages: InboxMessage[]): void {
    this.writes.push(this.writeMessages(messages));
  }

  change(change: InboxChange): void {
    this.writes.push(this.writeChange(change));
  }

  resync(): void {
    this.writes.push(this.catchUpAll());
  }

  /**
   * One pass over the messages (a send's copies, one per receiver), one step per stream written; each streaming
   * receiver's event is serialized once for all its tabs, and the copies of one send share their JSON. The
   * counts follow once every message is written: their queries do not hold the last streams back.
   */
  private *writeMessages(messages: InboxMessage[]): Generator<void> {
    // built at the first streaming receiver: most sends reach none of this node's streams, and comparing a big send's
    // copies costs milliseconds
    let eventOf: ReturnType<typeof messageEvents> | undefined;
    const streaming: number[] = [];
    for (const message of messages) {
      if (!this.registry.has(message.userId)) continue;
      eventOf ??= messageEvents(messages);
      const event = eventOf(message);
      for (const stream of this.registry.of(message.userId)) {
        stream.serializedMessage(event);
        yield;
      }
      streaming.push(message.userId);
    }
    for (const userId of streaming) this.counts.add(userId);
  }

  private *writeChange(change: InboxChange): Generator<void> {
    if (!this.registry.has(change.userId)) return;
    for (const stream of this.registry.of(change.userId)) {
      stream.update(change);
      yield;
    }
    this.counts.add(change.userId);
  }

  private *catchUpAll(): Generator<void> {
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

  private async sendCounts(userIds: number[]): Promise<void> {
    const streaming = userIds.filter((userId) => this.registry.has(userId));
    if (!streaming.length) return;
    for (const [userId, counts] of await this.inbox.countsOf(streaming)) {
      for (const stream of this.registry.of(userId)) stream.count(counts);
    }
  }
}
