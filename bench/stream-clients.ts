// The browsers of the stream scenario, in a process of their own so their CPU and memory are not the server's.
// Opens one SSE request per given user and records when each `message` event arrives (ms since the epoch,
// sub-millisecond). Talks to the bench over IPC: open → opened, wait → arrivals, close.
import http from 'http';
import { performance } from 'perf_hooks';
import { RawSseEvent, sseFeed } from '../testing/sse';

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
const requests: http.ClientRequest[] = [];
let arrivals: Arrival[] = [];
let waiter: Waiter | null = null;

/** A `message` is timed; the first `count` says the stream is open (the server sends it once subscribed). */
function onEvent(key: string, { event, id }: RawSseEvent, ready: () => void): void {
  if (event === 'message' && id !== undefined) {
    arrivals.push([key, Number(id), now()]);
    if (waiter?.missing?.delete(Number(id)) && !waiter.missing.size) waiter.done();
  } else if (event === 'count') ready();
}

function open(url: string, key: string, headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { headers: { ...headers, Accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        return resolve(false);
      }
      response.setEncoding('utf8');
      // the data is never parsed: only when each event arrives counts
      const feed = sseFeed({ onEvent: (event) => onEvent(key, event, () => resolve(true)) });
      response.on('data', feed);
    });
    request.on('error', () => resolve(false));
    requests.push(request);
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
    requests.forEach((r) => r.destroy());
    process.exit(0);
  }
});
