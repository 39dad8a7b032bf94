// The browsers of the stream scenario, in a process of their own so their CPU and memory are not the server's.
// Opens one SSE request per given user (over a plain socket, see `open`) and records when each `message` event arrives (ms since the epoch,
// sub-millisecond). Talks to the bench over IPC: open → opened, wait → arrivals, close.
import net from 'net';
import { performance } from 'perf_hooks';
import type { RawSseEvent } from '../testing/sse';
import { scanEvents } from './event-scan';

type Arrival = [key: string, id: number, at: number];
interface Waiter {
  /** The message ids still to come (none given: every arrival until the timeout). */
  missing: Set<number> | null;
  done(): void;
}
type Command =
  | { type: 'open'; streams: { url: string; key: string; headers: Record<string, string> }[] }
  | { type: 'wait'; expected: number[] | null; timeoutMs: number }
  | { type: 'get'; requests: { url: string; headers: Record<string, string> }[] }
  | { type: 'close' };

const now = () => performance.timeOrigin + performance.now();
const sockets: net.Socket[] = [];
let arrivals: Arrival[] = [];
let waiter: Waiter | null = null;

/** A `message` is timed; the first `count` says the stream is open (the server sends it once subscribed). */
function onEvent(key: string, { event, id }: RawSseEvent, ready: () => void): void {
  if (event === 'message' && id !== undefined) {
    arrivals.push([key, Number(id), now()]);
    if (waiter?.missing?.delete(Number(id)) && !waiter.missing.size) waiter.done();
  } else if (event === 'count') ready();
}

/** The response's head, once whole: its status; the bytes after it are the body. */
function splitHead(text: string): { status: number; body: string } | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  return { status: Number(text.slice(9, 12)), body: text.slice(end + 4) };
}

/** Where every socket of this process reads into: each read is handled at once, before the next can come. */
const READS = Buffer.alloc(64 * 1024);

/**
 * One stream over a plain TCP socket, its request written by hand, its reads handed over without a readable stream
 * (`onread`). A browser reads its one stream on a machine of its own; here one process reads 2,500, so Node's HTTP
 * client (parser callbacks, a readable stream and a decoder on each response) would make the bench's reading, not
 * the server's writing, what the latency measures.
 */
function open(url: string, key: string, headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const { hostname, port, pathname, search } = new URL(url);
    const feed = scanEvents((event) => onEvent(key, event, () => resolve(true)));
    let head: string | null = '';
    let split: ReturnType<typeof splitHead>;
    // latin1: a character cut between two reads never becomes two; only ids and event names are read, never the data
    const onRead = (size: number): boolean => {
      const text = READS.toString('latin1', 0, size);
      if (head === null) feed(text);
      else if (!(split = splitHead(head + text))) head += text;
      else if (split.status !== 200) {
        socket.destroy();
        resolve(false);
      } else {
        head = null;
        feed(split.body);
      }
      return true;
    };
    const socket = net.connect({ port: Number(port), host: hostname, onread: { buffer: READS, callback: onRead } });
    const lines = Object.entries({ ...headers, Host: `${hostname}:${port}`, Accept: 'text/event-stream' }).map(([k, v]) => `${k}: ${v}\r\n`);
    socket.write(`GET ${pathname}${search} HTTP/1.1\r\n${lines.join('')}\r\n`);
    socket.setNoDelay(true);
    socket.on('error', () => resolve(false));
    sockets.push(socket);
  });
}

const reply = (message: object) => process.send?.(message);

process.on('message', async (command: Command) => {
  if (command.type === 'open') {
    const started = now();
    const opened = await Promise.all(command.streams.map((s) => open(s.url, s.key, s.headers)));
    reply({ type: 'opened', failed: opened.filter((ok) => !ok).length, ms: now() - started });
  } else if (command.type === 'wait') {
    const done = () => {
      clearTimeout(timer);
      waiter = null;
      reply({ type: 'arrivals', arrivals });
      arrivals = [];
    };
    const timer = setTimeout(done, command.timeoutMs);
    // waits for these ids, not for a number of arrivals: one arriving after its send's wait timed out is
    // handed over with the next send's (where it counts as unexpected) and does not end that wait early
    const missing = command.expected && new Set(command.expected);
    arrivals.forEach(([, id]) => missing?.delete(id));
    waiter = { missing, done };
    if (missing && !missing.size) done();
  } else if (command.type === 'get') {
    // plain requests, all at once: what any 100 requests cost the server, to set the streams' cost beside
    const started = now();
    await Promise.all(command.requests.map(({ url, headers }) => fetch(url, { headers }).then((response) => response.arrayBuffer())));
    reply({ type: 'got', ms: now() - started });
  } else if (command.type === 'close') {
    sockets.forEach((socket) => socket.destroy());
    process.exit(0);
  }
});
