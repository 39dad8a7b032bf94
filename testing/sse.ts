// The suites' SSE reader, on eventsource-parser (the parser the client bundles too). The stream bench's browsers only
// scan event names and ids (bench/event-scan.ts), to keep up with 10,000 streams.
import { createParser } from 'eventsource-parser';
import { RESOURCES } from '../src/shared/constants';
import { waitUntil } from './poll';

/** An event as it came off the wire: its data still text (the bench times arrivals and never parses it). */
export interface RawSseEvent {
  event: string;
  id?: string;
  data: string;
}

export interface SseHandlers {
  onEvent(event: RawSseEvent): void;
  onComment?(comment: string): void;
}

/** Answers a feed for the stream's text as it arrives, in chunks cut anywhere; each whole event goes to `onEvent`. */
export function sseFeed({ onEvent, onComment }: SseHandlers): (chunk: string) => void {
  const parser = createParser({
    // an event without a name is a `message`, as a browser's EventSource names it
    onEvent: ({ event, id, data }) => onEvent({ event: event ?? 'message', id, data }),
    onComment: (comment) => onComment?.(comment.trim()),
  });
  return (chunk) => parser.feed(chunk);
}

export interface SseEvent {
  event: string;
  id?: string;
  data: any;
}

/**
 * `myInboxMessages:stream` read with fetch, as the browser client reads it (fetch, not EventSource, so it can
 * send the Authorization header). Keeps every event (its JSON data parsed) and comment; `until` waits on them.
 */
export class SseStream {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  /** When the response ended (ms since the epoch), read as it ends rather than when a poll notices. */
  endedAt?: number;

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {}

  static async open(api: string, headers: Record<string, string> = {}, query = ''): Promise<SseStream> {
    const abort = new AbortController();
    const response = await fetch(`${api}/${RESOURCES.myMessages}:stream${query}`, { headers, signal: abort.signal });
    const stream = new SseStream(response, abort);
    if (response.ok && response.body) void stream.read(response.body);
    return stream;
  }

  get status(): number {
    return this.response.status;
  }

  get isEnded(): boolean {
    return this.endedAt !== undefined;
  }

  named(event: string): SseEvent[] {
    return this.events.filter((e) => e.event === event);
  }

  /** Resolves once `condition` holds on what was read so far; rejects after `timeoutMs`, saying what was read. */
  async until(condition: (stream: SseStream) => boolean, timeoutMs = 10_000): Promise<void> {
    const read = () => `a stream condition; read: ${JSON.stringify(this.events.map((e) => [e.event, e.id]))}`;
    await waitUntil(() => condition(this), read, { timeoutMs, everyMs: 10 });
  }

  /** Ends the request as a closing tab does. */
  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    const feed = sseFeed({
      onEvent: ({ event, id, data }) => this.events.push({ event, id, data: JSON.parse(data) }),
      onComment: (comment) => this.comments.push(comment),
    });
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) feed(decoder.decode(chunk, { stream: true }));
    } catch {
      // aborted by close(), or the server went away
    }
    this.endedAt = Date.now();
  }
}
