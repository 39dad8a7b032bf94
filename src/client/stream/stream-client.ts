import { createParser, EventSourceParser } from 'eventsource-parser';
import { STREAM_EVENTS } from '../../shared/constants';

/** One dispatched Server-Sent Event; `id` is the stream's last event id at that point (it persists, per the spec). */
export interface SseEvent {
  event: string;
  data: string;
  id: string | null;
}

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export interface StreamClientOptions {
  url: string;
  /** Read on every (re)connect, so a renewed token is used. */
  getHeaders: () => Record<string, string>;
  onEvent: (event: SseEvent) => void;
  /** Called each time the server accepts the stream: the moment to refetch what a gap could have changed. */
  onOpen?: () => void;
  lastEventId?: string | null;
  backoff?: Backoff;
  /** No byte (not even a `: ping`) for this long means a dead connection: drop it and reconnect. */
  idleTimeoutMs?: number;
  fetch?: typeof fetch;
  random?: () => number;
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30000 };
const DEFAULT_IDLE_TIMEOUT_MS = 75000;
/** The server closed this stream for a newer one of the same user: coming straight back would close another. */
const DISPLACED_DELAY_MS = 5 * 60_000;

/** Pure: the `code` of an `error` event's data, or null. */
const endCode = (data: string): string | null => {
  try {
    const code: unknown = JSON.parse(data)?.code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
};

/**
 * eventsource-parser's events as a browser's EventSource shows them: the name defaults to "message" and the last
 * event id carries over to events that name none (the parser reports only an event's own id).
 */
export function createSseReader(onEvent: (event: SseEvent) => void): EventSourceParser {
  let lastId: string | null = null;
  return createParser({
    onEvent: ({ event, data, id }) => {
      lastId = id ?? lastId;
      onEvent({ event: event ?? 'message', data, id: lastId });
    },
  });
}

/** Pure: exponential backoff with "equal jitter" (half fixed, half random), so tabs of many users do not reconnect in step. */
export function reconnectDelay(attempt: number, backoff: Backoff, random: () => number): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * An EventSource over fetch (EventSource cannot send an Authorization header): reconnects with backoff
 * and resumes from the last event id it saw via `Last-Event-ID`.
 */
export class StreamClient {
  private attempt = 0;
  private stopped = true;
  private controller: AbortController | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private lastId: string | null;
  /** The code of the server's last `error` event on the current connection, if any. */
  private endedBy: string | null = null;

  constructor(private readonly options: StreamClientOptions) {
    this.lastId = options.lastEventId ?? null;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.controller?.abort();
    this.controller = null;
  }

  private clearTimers() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.retryTimer = this.idleTimer = null;
  }

  private armIdleTimer(controller: AbortController) {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => controller.abort(), this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
  }

  private requestHeaders(): Record<string, string> {
    return {
      ...this.options.getHeaders(),
      Accept: 'text/event-stream',
      ...(this.lastId ? { 'Last-Event-ID': this.lastId } : {}),
    };
  }

  private async connect(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    try {
      const doFetch = this.options.fetch ?? fetch;
      const response = await doFetch(this.options.url, {
        headers: this.requestHeaders(),
        signal: controller.signal,
        cache: 'no-store',
        credentials: 'same-origin',
      });
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      this.attempt = 0;
      this.options.onOpen?.();
      await this.read(response.body, controller);
    } catch {
      // network error, HTTP error, idle timeout or stop(): all end in the reconnect decision below
    } finally {
      if (this.idleTimer) clearTimeout(this.idleTimer);
    }
    if (!this.stopped && this.controller === controller) this.scheduleReconnect();
  }

  private async read(body: ReadableStream<Uint8Array>, controller: AbortController) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    this.endedBy = null;
    const parser = createSseReader((event) => {
      if (event.event === STREAM_EVENTS.error) this.endedBy = endCode(event.data);
      this.lastId = event.id ?? this.lastId;
      if (!this.stopped) this.options.onEvent(event);
    });
    controller.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined));
    this.armIdleTimer(controller);
    for (;;) {
      const { done, value } = await reader.read();
      if (done || controller.signal.aborted) return;
      this.armIdleTimer(controller);
      parser.feed(decoder.decode(value, { stream: true }));
    }
  }

  private scheduleReconnect() {
    const delay =
      this.endedBy === 'too-many-streams'
        ? DISPLACED_DELAY_MS
        : reconnectDelay(this.attempt, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random ?? Math.random);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.connect();
    }, delay);
  }
}
