import { STREAM_EVENTS } from '../../shared/constants';
import { Outgoing, messageEvent } from './message-events';
import { RecentIds } from './recent-ids';
import { formatComment, formatEvent } from './sse';
import type { Counts, InboxChange, InboxMessage } from '../../shared/contract';
import type { StreamEndCode } from '../../shared/contract';

/** Where a stream writes: the HTTP response in the app, any writable stream in tests. */
export interface StreamSink {
  write(chunk: string): boolean;
  end(): void;
  readonly writableLength: number;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}

/** The stream user's messages as a catch-up reads them: ids first, then only the rows it has not written. */
export interface CatchUpSource {
  idsAfter(afterId: number, limit: number): Promise<number[]>;
  load(ids: number[]): Promise<InboxMessage[]>;
}

/** Message ids a stream remembers: the window a catch-up looks back over for messages that came out of id order. */
const RECENT_IDS = 256;
const CATCH_UP_PAGE = 200;
/** A client this far behind is not reading: dropping it is better than buffering without bound; it replays on reconnect. */
const DEFAULT_BUFFER_BYTES = 256 * 1024;

/** Pure: the `start` event of a stream that begins after message `after`. */
const startEvent = (after: number): Outgoing => ({
  chunk: formatEvent({ event: STREAM_EVENTS.start, data: { after }, id: after }),
});

export interface StreamOptions {
  /** Bytes buffered for a slow reader before the stream is closed. */
  bufferBytes?: number;
  /** Checked on every ping: why the stream's session no longer holds (signed out, expired), or null. */
  session?: () => Promise<string | null>;
}

/**
 * One open event stream of one user; every message is written to it at most once.
 * A catch-up (a replay after `Last-Event-ID`, or after the pub/sub link came back) writes the user's
 * messages it has not written, oldest first; meanwhile live events are held, then written after it minus
 * the messages it already wrote. It starts from the stream's first id (`afterId`, or the newest message
 * when the stream opened), or — once the stream has written more than its memory of ids holds — from the
 * oldest id it remembers: ids commit out of order across transactions and nodes, so a message older than
 * the last one written may still be missing.
 */
export class InboxStream {
  private closed = false;
  /** While catch-ups are queued or running: the live events held back, and the messages they wrote. */
  private hold: { events: Outgoing[]; written: Set<number>; pending: number } | null = null;
  private catchingUp: Promise<void> = Promise.resolve();
  private readonly recent = new RecentIds(RECENT_IDS);

  constructor(
    readonly userId: number,
    private readonly sink: StreamSink,
    private startId = 0,
    private readonly options: StreamOptions = {},
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  message(message: InboxMessage): void {
    this.emit(messageEvent(message));
  }

  /** A `message` event serialized once for every stream it goes to (see `messageEvents`). */
  serializedMessage(event: Outgoing): void {
    this.emit(event);
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

  /** Keeps proxies from closing an idle stream, and ends it once its session is over (within one ping). */
  async ping(): Promise<void> {
    this.comment('ping');
    const ended = await this.options.session?.().catch(() => null);
    if (ended) this.end('session-ended', ended);
  }

  /** Ends the stream with a last `error` event saying why (written past any held events: nothing follows it). */
  end(code: StreamEndCode, message: string): void {
    if (this.closed) return;
    this.sink.write(formatEvent({ event: STREAM_EVENTS.error, data: { code, message } }));
    this.close();
  }

  /**
   * Raises the first id a catch-up considers to `id` once it is known (the user's newest message, read when
   * the stream opened without one); catch-ups asked meanwhile wait for it. Unless a newer message was already
   * written, a `start` event then gives the client that id to resume from: written ahead of any held event,
   * which is newer, so the client's last id never moves back.
   */
  startAfter(id: Promise<number>): Promise<void> {
    this.catchingUp = this.catchingUp.then(async () => {
      this.startId = Math.max(this.startId, await id);
      if ((this.recent.newest() ?? -1) < this.startId) this.write(startEvent(this.startId));
    });
    return this.catchingUp;
  }

  /** Writes the messages this stream misses; live events are held from this call on; catch-ups queue up. */
  catchUp(source: CatchUpSource): Promise<void> {
    this.hold ??= { events: [], written: new Set(), pending: 0 };
    this.hold.pending++;
    this.catchingUp = this.catchingUp.catch(() => undefined).then(() => this.runCatchUp(source));
    return this.catchingUp;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.hold = null;
    this.sink.end();
  }

  private emit(outgoing: Outgoing): void {
    if (this.closed) return;
    if (this.hold) this.hold.events.push(outgoing);
    else this.write(outgoing);
  }

  private write({ chunk, messageId }: Outgoing): boolean {
    if (this.closed) return false;
    if (messageId !== undefined) {
      if (this.recent.has(messageId)) return true;
      this.recent.add(messageId);
    }
    const flowing = this.sink.write(chunk);
    if (this.sink.writableLength > (this.options.bufferBytes ?? DEFAULT_BUFFER_BYTES)) this.close();
    return flowing;
  }

  private async runCatchUp(source: CatchUpSource): Promise<void> {
    try {
      let after = this.recent.hasForgotten ? (this.recent.oldest() as number) : this.startId;
      while (!this.closed) {
        const ids = await source.idsAfter(after, CATCH_UP_PAGE);
        const missing = ids.filter((id) => !this.recent.has(id));
        let flowing = true;
        for (const message of missing.length ? await source.load(missing) : []) {
          this.hold?.written.add(message.id);
          flowing = this.write(messageEvent(message));
        }
        if (ids.length < CATCH_UP_PAGE) break;
        after = ids[ids.length - 1];
        if (!flowing) await this.drained();
      }
    } finally {
      if (this.hold && --this.hold.pending === 0) this.release();
    }
  }

  /** Writes the held live events, minus the messages a catch-up already wrote. */
  private release(): void {
    const { events, written } = this.hold as NonNullable<InboxStream['hold']>;
    this.hold = null;
    for (const outgoing of events) {
      if (outgoing.messageId === undefined || !written.has(outgoing.messageId)) this.write(outgoing);
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
