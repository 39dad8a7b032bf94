import http from 'http';
import type { AddressInfo } from 'net';
import type { MockServer } from '@nocobase/test';
import { RESOURCES } from '../shared/constants';

/** The app behind a real HTTP server on a loopback port (what a browser talks to). */
export interface Listening {
  /** Where the app's resources answer: the origin plus the resourcer's prefix (none in a mock app, `/api` in production). */
  api: string;
  close(): Promise<void>;
}

export async function listen(app: MockServer): Promise<Listening> {
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    api: `http://127.0.0.1:${port}${(app as any).resourcer.options.prefix ?? ''}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The headers NocoBase's API client sends for a signed-in user: a token the app's own auth issued. */
export async function authHeaders(app: MockServer, user: any, role = 'member'): Promise<Record<string, string>> {
  const userId = Number(user.get ? user.get('id') : user.id);
  const { tokenController, jwt } = app.authManager as any;
  const { jti } = await tokenController.add({ userId });
  const { tokenExpirationTime } = await tokenController.getConfig();
  const token = jwt.sign({ userId, temp: true, roleName: role, signInTime: Date.now() }, { jwtid: jti, expiresIn: tokenExpirationTime });
  return { Authorization: `Bearer ${token}`, 'X-Authenticator': 'basic', 'X-Role': role };
}

export interface SseEvent {
  event: string;
  id?: string;
  data: any;
}

/** One field line (`field: value` or `field:value`) of an event block. */
const fieldOf = (line: string): [string, string] => {
  const colon = line.indexOf(':');
  if (colon < 0) return [line, ''];
  const value = line.slice(colon + 1);
  return [line.slice(0, colon), value.startsWith(' ') ? value.slice(1) : value];
};

/**
 * An event stream read with fetch, as the browser client reads it (fetch, not EventSource, so it can
 * send the Authorization header). Keeps every event and comment; `until` waits for a condition on them.
 */
export class SseStream {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  private buffer = '';
  private readonly waiters = new Set<() => void>();
  private ended = false;

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

  named(event: string): SseEvent[] {
    return this.events.filter((e) => e.event === event);
  }

  /** Resolves once `condition` holds on what was read so far; rejects after `timeoutMs`, saying what was read. */
  until(condition: (stream: SseStream) => boolean, timeoutMs = 10_000): Promise<void> {
    if (condition(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition(this)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`stream condition not met in ${timeoutMs} ms; read: ${JSON.stringify(this.events.map((e) => [e.event, e.id]))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /** Ends the request as a closing tab does. */
  close(): void {
    this.abort.abort();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        this.buffer += decoder.decode(chunk, { stream: true });
        this.parse();
      }
    } catch {
      // aborted by close(), or the server went away
    }
    this.ended = true;
    this.waiters.forEach((check) => check());
  }

  private parse(): void {
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.take(block.split('\n'));
    }
    this.waiters.forEach((check) => check());
  }

  private take(lines: string[]): void {
    const event: Partial<SseEvent> & { data?: string } = {};
    for (const line of lines) {
      if (line.startsWith(':')) {
        this.comments.push(line.slice(1).trim());
        continue;
      }
      const [field, value] = fieldOf(line);
      if (field === 'event') event.event = value;
      else if (field === 'id') event.id = value;
      else if (field === 'data') event.data = event.data === undefined ? value : `${event.data}\n${value}`;
    }
    if (event.data === undefined) return;
    this.events.push({ event: event.event ?? 'message', id: event.id, data: JSON.parse(event.data) });
  }
}
