import { STREAM_EVENTS } from '../../constants';
import type { Counts } from '../services/inbox-queries';
import type { InboxChange, InboxMessage } from '../services/inbox-events';
import { RecentIds } from './recent-ids';
import { formatComment, formatEvent } from './sse';

/** Where a stream writes: the HTTP response in the app, any writable stream in tests. */
export interface StreamSink {
  write(chunk: string): boolean;
  end(): void;
  readonly writableLength: number;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}

/** Reads the messages of the stream's user after an id, oldest first, at most `limit`. */
export type FetchAfter = (afterId: number, limit: number) => Promise<InboxMessage[]>;

interface Outgoing {
  chunk: string;
  /** Set on `message` events: the id written at most once per stream. */
  messageId?: number;
}

const RECENT_IDS = 64;
const CATCH_UP_PAGE = 200;
/** A client this far behind is not reading: dropping it is better than buffering without bound; it replays on reconnect. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * One open event stream of one user. Every message is written at most once, in id order within a
 * catch-up; while a catch-up (a replay after `Last-Event-ID`, or after the pub/sub link came back) reads
 * the database, live events are held and written after it, minus the messages it already wrote.
 */
export class InboxStream {
  /** The highest message id written: where the next catch-up starts. */
  lastMessageId: number;
  private closed = false;
  private held: Outgoing[] | null = null;
  private catchingUp: Promise<void> = Promise.resolve();
  private readonly recent = new RecentIds(RECENT_IDS);

  constructor(
    readonly userId: number,
    private readonly sink: StreamSink,
    afterId = 0,
  ) {
    this.lastMessageId = afterId;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  message(message: InboxMessage): void {
    this.emit({ chunk: formatEvent({ event: STREAM_EVENTS.message, id: message.id, data: message }), messageId: message.id });
  }

  update(change: InboxChange): void {
    this.emit({ chunk: formatEvent({ event: STREAM_EVENTS.update, data: change }) });
  }

  count(counts: Counts): void {
    this.emit({ chunk: formatEvent({ event: STREAM_EVENTS.count, data: counts }) });
  }

  comment(text: string): void {
    if (!this.closed) this.sink.write(formatComment(text));
  }

  /** Raises the catch-up start to at least `id` (the user's newest message when the stream opened without one). */
  startAfter(id: number): void {
    this.lastMessageId = Math.max(this.lastMessageId, id);
  }

  /** Writes every message after `lastMessageId`; calls queue up, so two catch-ups never interleave. */
  catchUp(fetchAfter: FetchAfter): Promise<void> {
    this.catchingUp = this.catchingUp.catch(() => undefined).then(() => this.runCatchUp(fetchAfter));
    return this.catchingUp;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.held = null;
    this.sink.end();
  }

  private emit(outgoing: Outgoing): void {
    if (this.closed) return;
    if (this.held) this.held.push(outgoing);
    else this.write(outgoing);
  }

  private write({ chunk, messageId }: Outgoing): boolean {
    if (this.closed) return false;
    if (messageId !== undefined) {
      if (this.recent.has(messageId)) return true;
      this.recent.add(messageId);
      this.lastMessageId = Math.max(this.lastMessageId, messageId);
    }
    const flowing = this.sink.write(chunk);
    if (this.sink.writableLength > MAX_BUFFERED_BYTES) this.close();
    return flowing;
  }

  private async runCatchUp(fetchAfter: FetchAfter): Promise<void> {
    if (this.closed) return;
    this.held = [];
    const written = new Set<number>();
    try {
      let after = this.lastMessageId;
      while (!this.closed) {
        const rows = await fetchAfter(after, CATCH_UP_PAGE);
        let flowing = true;
        for (const message of rows) {
          written.add(message.id);
          flowing = this.write({ chunk: formatEvent({ event: STREAM_EVENTS.message, id: message.id, data: message }), messageId: message.id });
        }
        if (rows.length < CATCH_UP_PAGE) break;
        after = rows[rows.length - 1].id;
        if (!flowing) await this.drained();
      }
    } finally {
      const held = this.held ?? [];
      this.held = null;
      for (const outgoing of held) {
        if (outgoing.messageId === undefined || !written.has(outgoing.messageId)) this.write(outgoing);
      }
    }
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.sink.off('drain', done);
        this.sink.off('close', done);
        resolve();
      };
      this.sink.once('drain', done);
      this.sink.once('close', done);
    });
  }
}
