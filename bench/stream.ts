import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { PerformanceEntry, PerformanceObserver, constants, performance } from 'perf_hooks';
import type { MockServer } from '@nocobase/test';
import { RESOURCES } from '../src/shared/constants';
import { Listening, authHeaders, createChannel, createInboxApp, hubOf, inboxOf, listen } from '../testing/app';
import { INLINE_LIMIT } from '../src/server/realtime/created-payload';
import { createMembers } from './app';
import type { Section, TargetCheck } from './report';
import { percentile, settle } from './stats';
import { connected } from './stream-app';
import { CORES, onAppCores, pin } from './cores';
import { forkTs } from './fork-ts';

export interface StreamOptions {
  /** Streams on one node. */
  streams: number;
  /** Streams across the two nodes. */
  nodeStreams: number;
  sends: number;
  redisUrl: string;
  /** Prefix of the two-node apps' name, and so of their pub/sub channels (a Redis other runs share). */
  pubSubPrefix: string;
}

export interface StreamReport {
  sections: Section[];
  targets: TargetCheck[];
}

type Arrival = [key: string, id: number, at: number];
const SIDES = ['local', 'remote'] as const;

const now = () => performance.timeOrigin + performance.now();
const CHANNEL = 'bench-stream';
/**
 * Long enough that no `: ping` lands inside a measurement, however long 10,000 streams take to open on a loaded
 * machine (ten minutes did not hold): a ping writes to every stream and re-checks each one's session at once.
 */
const PING_MS = 6 * 60 * 60 * 1000;

type StreamRequest = { url: string; key: string; headers: Record<string, string> };

/**
 * Streams one browsers' process reads at most: past it they are spread over more processes, so what the latency
 * measures is the server writing, not one client process parsing 10,000 sockets' events in turn.
 */
const STREAMS_PER_CLIENT_PROCESS = 2500;
/**
 * The browsers' processes get a young generation large enough that parsing a burst of 2,500 events does not
 * run a scavenge every few hundred (they hold every socket, so each one is slow).
 */
const CLIENT_NODE_OPTIONS = ['--max-semi-space-size=64'];

/** Some of the browsers, in a child process: one SSE request each, arrival times of `message` events. */
class BrowserProcess {
  private readonly child = forkTs('stream-clients.ts', CLIENT_NODE_OPTIONS);

  constructor(cores?: string) {
    if (cores && this.child.pid) pin(this.child.pid, cores);
  }

  private ask<T>(command: object, reply: string): Promise<T> {
    return new Promise((resolve) => {
      const listener = (message: any) => {
        if (message.type !== reply) return;
        this.child.off('message', listener);
        resolve(message);
      };
      this.child.on('message', listener);
      this.child.send(command);
    });
  }

  open(streams: StreamRequest[]) {
    return this.ask<{ failed: number; ms: number }>({ type: 'open', streams }, 'opened');
  }

  /** Plain requests, all at once; resolves when every answer is read. */
  get(requests: { url: string; headers: Record<string, string> }[]) {
    return this.ask<{ ms: number }>({ type: 'get', requests }, 'got');
  }

  /** Arrivals until every expected message id came, or the timeout (every arrival until then, given none). */
  async wait(expected: number[] | null, timeoutMs: number): Promise<Arrival[]> {
    return (await this.ask<{ arrivals: Arrival[] }>({ type: 'wait', expected, timeoutMs }, 'arrivals')).arrivals;
  }

  close(): void {
    if (this.child.connected) this.child.send({ type: 'close' });
  }
}

/** The browsers of `streams` streams, over as many processes as they need; each stream stays in the one it opened in. */
class Browsers {
  private readonly processes: BrowserProcess[];
  private readonly processOf = new Map<string, BrowserProcess>();
  private opened = 0;

  /** `cores`: the processes run on those only (see cores.ts). */
  constructor(streams: number, cores?: string) {
    const count = Math.max(1, Math.ceil(streams / STREAMS_PER_CLIENT_PROCESS));
    this.processes = Array.from({ length: count }, () => new BrowserProcess(cores));
  }

  /** Opens the streams spread evenly over the processes, all at once. */
  async open(streams: StreamRequest[]) {
    const shares = this.processes.map((): StreamRequest[] => []);
    for (const stream of streams) {
      const share = this.opened++ % this.processes.length;
      shares[share].push(stream);
      this.processOf.set(stream.key, this.processes[share]);
    }
    const results = await Promise.all(shares.map((share, i) => (share.length ? this.processes[i].open(share) : { failed: 0, ms: 0 })));
    return { failed: results.reduce((n, r) => n + r.failed, 0), ms: Math.max(...results.map((r) => r.ms)) };
  }

  /**
   * Arrivals until each process has read the expected message (stream key → message id) of each of its streams,
   * or the timeout; given none, every arrival until the timeout.
   */
  async wait(expected: Map<string, number> | null, timeoutMs: number): Promise<Arrival[]> {
    const ids = new Map(this.processes.map((p): [BrowserProcess, number[] | null] => [p, expected ? [] : null]));
    for (const [key, id] of expected ?? []) {
      const owner = this.processOf.get(key);
      if (owner) ids.get(owner)?.push(id);
    }
    return (await Promise.all(this.processes.map((p) => p.wait(ids.get(p) ?? null, timeoutMs)))).flat();
  }

  /** Plain requests from the first process, all at once. */
  get(requests: { url: string; headers: Record<string, string> }[]) {
    return this.processes[0].get(requests);
  }

  close(): void {
    this.processes.forEach((p) => p.close());
  }
}

/** Every expected (stream, message) once: latencies of those, and what was missing or came more than once. */
class Deliveries {
  readonly latencies: number[] = [];
  lost = 0;
  duplicated = 0;
  private readonly seen = new Set<string>();

  /** Returns this send's latencies; a warm-up send counts for lost and duplicated events, not for latency. */
  record(expected: Map<string, number>, arrivals: Arrival[], commitAt: number, timed = true): number[] {
    const latencies: number[] = [];
    for (const [key, id, at] of arrivals) {
      const tag = `${key}:${id}`;
      if (expected.get(key) !== id || this.seen.has(tag)) {
        this.duplicated++;
        continue;
      }
      this.seen.add(tag);
      latencies.push(at - commitAt);
    }
    for (const [key, id] of expected) if (!this.seen.has(`${key}:${id}`)) this.lost++;
    if (timed) this.latencies.push(...latencies);
    return latencies;
  }

  /** Anything still arriving after the last send was never expected: a duplicate. */
  strays(arrivals: Arrival[]): void {
    this.duplicated += arrivals.length;
  }
}

function memory(): { rss: number; js: number } {
  const gc = (global as any).gc as (() => void) | undefined;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, js: m.heapUsed + m.external };
}

type GcTally = { count: number; ms: number };

/** Counts this process's garbage collections from now until `stop`: scavenges (minor) and mark-sweeps (major). */
function collectGc() {
  const tally = { minor: { count: 0, ms: 0 }, major: { count: 0, ms: 0 } };
  const count = (entries: PerformanceEntry[]) => {
    for (const entry of entries as (PerformanceEntry & { detail?: { kind?: number } })[]) {
      const kind = entry.detail?.kind;
      const sort: GcTally | undefined = kind === constants.NODE_PERFORMANCE_GC_MINOR ? tally.minor : kind === constants.NODE_PERFORMANCE_GC_MAJOR ? tally.major : undefined;
      if (sort) (sort.count++, (sort.ms += entry.duration));
    }
  };
  const observer = new PerformanceObserver((list) => count(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  // entries not yet delivered to the callback are taken at the stop
  return { stop: () => (count(observer.takeRecords()), observer.disconnect(), tally) };
}

/** One send to `userIds`, timed from the commit: the events leave in the transaction's after-commit hooks. */
async function sendTimed(app: MockServer, userIds: number[], title: string) {
  const transaction = await app.db.sequelize.transaction();
  const messages = await inboxOf(app).send({ channelName: CHANNEL, receivers: userIds, title }, { transaction });
  // the bench's own bookkeeping before the clock starts: after it, this thread is the server's
  const expected = new Map(messages.map((m) => [String(m.userId), m.id]));
  const commitAt = now();
  await transaction.commit();
  return { commitAt, expected };
}


async function streamsFor(app: MockServer, http: Listening, userIds: number[]) {
  const url = `${http.api}/${RESOURCES.myMessages}:stream`;
  const streams: { url: string; key: string; headers: Record<string, string> }[] = [];
  // one at a time: each token is a write, and SQLite has one connection for every transaction
  for (const id of userIds) streams.push({ url, key: String(id), headers: await authHeaders(app, { id }) });
  return streams;
}

async function openAll(browsers: Browsers, streams: Awaited<ReturnType<typeof streamsFor>>) {
  const opened = await browsers.open(streams);
  if (opened.failed) throw new Error(`${opened.failed} of ${streams.length} streams did not open`);
  return opened.ms;
}

/** Sends `sends` times to every stream's user; between sends, the hub finishes its count updates. */
async function measureSends(app: MockServer, browsers: Browsers, userIds: number[], sends: number, log: (line: string) => void) {
  const deliveries = new Deliveries();
  // send 0 warms the write path up (its first run compiles); sends 1… are timed
  for (let i = 0; i <= sends; i++) {
    const { commitAt, expected } = await sendTimed(app, userIds, `stream ${i}`);
    const latencies = deliveries.record(expected, await browsers.wait(expected, 15_000), commitAt, i > 0);
    log(`  send ${i}${i ? '' : ' (warm-up)'}: first event after ${ms(percentile(latencies, 0))} ms, p50 ${ms(percentile(latencies, 50))} ms, p99 ${ms(percentile(latencies, 99))} ms, last after ${ms(percentile(latencies, 100))} ms`);
    await hubOf(app).idle();
    await settle(50);
  }
  return deliveries;
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);

/** Pure: the error of a request sent on a connection the other end had reset. */
const wasReset = (error: unknown) => (error as { cause?: { code?: string } })?.cause?.code === 'ECONNRESET';

/**
 * Another user's request, timed. A kept-alive connection the app closed as idle while the request went out answers a
 * reset (in a full `npm run bench`, after the read path's 1,000,000 messages, twice in two runs): as a browser does,
 * the probe sends it once more on a new connection, says so, and times the request that was answered.
 */
const otherRequests = (url: string, headers: Record<string, string>, log: (line: string) => void) => async () => {
  for (let attempt = 1; ; attempt++) {
    const started = now();
    try {
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      return now() - started;
    } catch (error) {
      if (attempt > 1 || !wasReset(error)) throw error;
      log('stream: the other request met a reset kept-alive connection; sent again on a new one');
    }
  }
};

/** Streams on one node: latency from commit to arrival, memory per open stream, other requests while they open. */
async function oneNode(options: StreamOptions, log: (line: string) => void) {
  const app = await createInboxApp({ inbox: { streamPingMs: PING_MS } });
  const browsers = new Browsers(options.streams, CORES?.clients);
  let http: Listening | undefined;
  try {
    await createChannel(app, CHANNEL, 'Stream bench');
    const userIds = await createMembers(app, options.streams);
    http = await listen(app);
    const streams = await streamsFor(app, http, userIds);
    // opened 100 at a time; memory is compared between 20% and 100% open, so what the first streams pay once
    // (code warming up, pools and buffers growing) is not charged to every stream
    // another user's requests, alone and while the streams open: what opening them costs everybody else
    const probe = otherRequests(`${http.api}/${RESOURCES.myMessages}:count`, await authHeaders(app, { id: userIds[0] }), log);
    // the first requests of a path compile its code: the baseline is the request as it runs from then on
    for (let i = 0; i < 20; i++) await probe();
    const alone: number[] = [];
    for (let i = 0; i < 20; i++) alone.push(await probe());
    // the same probe beside 100 plain `count` requests of other users at once: what any 100 requests cost it
    const plain = streams.slice(1, 101).map(({ headers }) => ({ url: `${http?.api}/${RESOURCES.myMessages}:count`, headers }));
    const besidePlain: number[] = [];
    for (let i = 0; i < 5; i++) besidePlain.push((await Promise.all([browsers.get(plain), probe()]))[1]);
    const atStart = memory();
    const gcs = collectGc();
    const started = now();
    const batch = 100;
    const warm = streams.length >= 2 * batch ? Math.max(1, Math.round(streams.length / batch / 5)) * batch : 0;
    let before = atStart;
    const whileOpening: number[] = [];
    for (let i = 0; i < streams.length; i += batch) {
      if (i === warm) before = memory();
      const [, took] = await Promise.all([openAll(browsers, streams.slice(i, i + batch)), probe()]);
      whileOpening.push(took);
      await hubOf(app).idle();
    }
    const openMs = now() - started;
    const { minor, major } = gcs.stop();
    // what the app's process carried in and spent collecting while they opened: the figure that moved when this ran
    // in the process the read path had used
    log(`stream: the app's process held ${mb(atStart.js)} MB JS heap, ${mb(atStart.rss)} MB RSS; while the streams opened it ran ` +
      `${minor.count} scavenges (${ms(minor.ms)} ms, ${ms(minor.ms / minor.count)} each) and ${major.count} mark-sweeps (${ms(major.ms)} ms)`);
    // the same probe with every stream open and none opening: what holding them costs, apart from opening them
    const allOpen: number[] = [];
    for (let i = 0; i < 20; i++) allOpen.push(await probe());
    const others = {
      alone: percentile(alone, 50),
      whileOpening: percentile(whileOpening, 50),
      allOpen: percentile(allOpen, 50),
      besidePlain: percentile(besidePlain, 50),
    };
    const tenth = Math.max(1, Math.floor(whileOpening.length / 10));
    log(`stream: another request while the first / last ${tenth} batches opened: ${ms(percentile(whileOpening.slice(0, tenth), 50))} / ` +
      `${ms(percentile(whileOpening.slice(-tenth), 50))} ms (median)`);
    const after = memory();
    const counted = streams.length - warm;
    const deliveries = await measureSends(app, browsers, userIds, options.sends, log);
    deliveries.strays(await browsers.wait(null, 1000));
    const perStream = { rss: (after.rss - before.rss) / counted, js: (after.js - before.js) / counted };
    log(`stream: ${options.streams} streams opened in ${openMs.toFixed(0)} ms; p50 ${ms(percentile(deliveries.latencies, 50))} ms, ` +
      `p99 ${ms(percentile(deliveries.latencies, 99))} ms; per stream ${kb(perStream.js)} KB JS heap, ${kb(perStream.rss)} KB RSS`);
    return { openMs, deliveries, perStream, others };
  } finally {
    browsers.close();
    await http?.close();
    await app.destroy();
  }
}

/**
 * Whether Redis answers at `url`. An absent server refuses at once; the timeout is for a host that never answers, and
 * is long: right after the one-node part closed its 10,000 streams, a 1 s one ran out while Redis was up (a full
 * `npm run bench`), and the two-node part was skipped.
 */
function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379), timeout: 10_000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** Node B: an app node in a child process of its own, on the same database and Redis as node A. */
class RemoteNode {
  private readonly child = forkTs('stream-node.ts');

  private ask<T>(command: object, reply: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const listener = (message: any) => {
        if (message.type !== reply && message.type !== 'failed') return;
        this.child.off('message', listener);
        if (message.type === 'failed') reject(new Error(`node B: ${message.error}`));
        else resolve(message);
      };
      this.child.on('message', listener);
      this.child.send(command);
    });
  }

  async start(options: Record<string, unknown>): Promise<string> {
    return (await this.ask<{ api: string }>({ type: 'start', options }, 'started')).api;
  }

  idle(): Promise<unknown> {
    return this.ask({ type: 'idle' }, 'idle');
  }

  stop(): Promise<void> {
    if (!this.child.connected) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ type: 'stop' });
    });
  }
}

/**
 * Two app nodes on one database and one Redis, each in its own process as a cluster runs them: half the streams
 * on the sending node, half on the other; the same send reaches both halves, so the difference of their
 * latencies is what crossing nodes adds.
 */
async function twoNodes(options: StreamOptions, log: (line: string) => void) {
  const name = `${options.pubSubPrefix}inbox_bench_${Date.now().toString(36)}`;
  const sqliteFile = process.env.DB_DIALECT === 'sqlite' ? path.join(os.tmpdir(), `${name}.sqlite`) : undefined;
  const node = (instanceId: number) => ({
    name,
    instanceId,
    skipSupervisor: true,
    ...(sqliteFile ? { database: { storage: sqliteFile } } : {}),
    inbox: { redisUrl: options.redisUrl, streamPingMs: PING_MS },
  });
  // the browsers of each node in a process of their own: one busy reading node A's events would hold node B's back
  const browsers = { local: new Browsers(Math.ceil(options.nodeStreams / 2)), remote: new Browsers(Math.floor(options.nodeStreams / 2)) };
  const nodeB = new RemoteNode();
  let app: MockServer | undefined;
  let http: Listening | undefined;
  try {
    app = await createInboxApp(node(1));
    await createChannel(app, CHANNEL, 'Stream bench');
    const userIds = await createMembers(app, options.nodeStreams);
    // node B starts on the database node A installed, as a new cluster member does
    const apiB = await nodeB.start(node(2));
    await connected(app);
    http = await listen(app);
    const half = Math.ceil(userIds.length / 2);
    const users = { local: userIds.slice(0, half), remote: userIds.slice(half) };
    // every token is made on node A: node B checks it against the shared database
    await openAll(browsers.local, await streamsFor(app, http, users.local));
    await openAll(browsers.remote, await streamsFor(app, { api: apiB, close: async () => undefined }, users.remote));
    const idle = async () => Promise.all([hubOf(app as MockServer).idle(), nodeB.idle()]);
    await idle();
    const sides = { local: new Deliveries(), remote: new Deliveries() };
    // send 0 warms up, as on one node
    for (let i = 0; i <= options.sends; i++) {
      const { commitAt, expected } = await sendTimed(app, userIds, `two nodes ${i}`);
      await Promise.all(
        SIDES.map(async (side) => {
          const mine = new Map(users[side].map((id) => [String(id), expected.get(String(id)) as number]));
          sides[side].record(mine, await browsers[side].wait(mine, 15_000), commitAt, i > 0);
        }),
      );
      await idle();
      await settle(50);
    }
    for (const side of SIDES) sides[side].strays(await browsers[side].wait(null, 1000));
    log(`stream, two nodes: local p50 ${ms(percentile(sides.local.latencies, 50))} ms, remote p50 ${ms(percentile(sides.remote.latencies, 50))} ms`);
    return sides;
  } finally {
    for (const side of SIDES) browsers[side].close();
    await http?.close();
    await nodeB.stop();
    await app?.destroy();
    if (sqliteFile) fs.rmSync(sqliteFile, { force: true });
  }
}

/** What crossing nodes adds to delivery: remote − local, at the median and at p99. */
function crossNodeTargets(sides: { local: Deliveries; remote: Deliveries }, n: number): TargetCheck[] {
  const added = (p: number) => percentile(sides.remote.latencies, p) - percentile(sides.local.latencies, p);
  const scenario = `stream, two nodes through Redis, ${n} streams`;
  return [
    { scenario, target: 'added p50 < 10 ms', measured: `${ms(added(50))} ms`, pass: added(50) < 10 },
    { scenario, target: 'added p99 < 25 ms', measured: `${ms(added(99))} ms`, pass: added(99) < 25 },
  ];
}

/** The stream scenario (ours only: the official plugin pushes over the app's WebSocket, with no replay to compare). */
export async function runStream(options: StreamOptions, log: (line: string) => void): Promise<StreamReport> {
  // one node on its cores, its browsers on theirs; two nodes (and their browsers) share every core, as no split of
  // a small machine in three stands for three machines
  const single = await onAppCores(() => oneNode(options, log));
  const redis = (await reachable(options.redisUrl)) ? await twoNodes(options, log) : null;
  if (!redis) log(`stream, two nodes: skipped, no Redis at ${options.redisUrl}`);

  const lat = (d: Deliveries, p: number) => percentile(d.latencies, p);
  const p99 = lat(single.deliveries, 99);
  const all = [single.deliveries, ...(redis ? [redis.local, redis.remote] : [])];
  const lost = all.reduce((n, d) => n + d.lost, 0);
  const duplicated = all.reduce((n, d) => n + d.duplicated, 0);
  const n = options.streams;
  const n2 = options.nodeStreams;
  // issue 7 asked < 100 ms at 1,000 streams; issue 16 < 250 ms at 10,000
  const p99Goal = n >= 10_000 ? 250 : 100;
  const sections: Section[] = [
    {
      title: `Stream: ${n} concurrent streams on one node`,
      note:
        `One send to all ${n} users, ${options.sends} times after one warm-up send; latency from the send's commit to the \`message\` event read by ` +
        `the client (the clients run in child processes, ${STREAMS_PER_CLIENT_PROCESS} streams each at most, over loopback HTTP, ` +
        `${CORES ? `on cores ${CORES.clients}, the app on ${CORES.app}, as browsers elsewhere would not take the app's cores` : 'on any core'}). ` +
        'Streams open 100 at a time; memory per stream ' +
        'is the growth of the app process (after a forced GC) from 20% to 100% of them open, divided by the streams opened ' +
        'in between. JS heap is V8 heap + external buffers: what the streams hold, judged against the target. RSS is the ' +
        'whole process, allocator slack included — and with SQLite in memory the database lives in this same process, so ' +
        'its allocations (each stream opening runs queries) land there too. "Other request": `myInboxMessages:count` of ' +
        'another user, median of 20 alone (after 20 more to warm it up), then one beside each batch of 100 streams opening, then 20 with every stream ' +
        'open and none opening, and (for scale) the median of 5 beside 100 plain `count` requests of other users sent at ' +
        'once, no stream among them.',
      headers: ['Streams', 'Opened in', 'p50', 'p99', 'Max', 'Events', 'Lost', 'Duplicated', 'RSS per stream', 'JS heap per stream', 'Other request alone / while opening / all open / beside 100 plain requests'],
      rows: [[
        String(n), `${single.openMs.toFixed(0)} ms`, `${ms(lat(single.deliveries, 50))} ms`, `${ms(p99)} ms`,
        `${ms(lat(single.deliveries, 100))} ms`, String(single.deliveries.latencies.length), String(single.deliveries.lost),
        String(single.deliveries.duplicated), `${kb(single.perStream.rss)} KB`, `${kb(single.perStream.js)} KB`,
        `${ms(single.others.alone)} / ${ms(single.others.whileOpening)} / ${ms(single.others.allOpen)} / ${ms(single.others.besidePlain)} ms`,
      ]],
    },
    {
      title: 'Stream: two nodes through Redis',
      note: redis
        ? `Node A sends; ${Math.ceil(n2 / 2)} streams on A (local), ${Math.floor(n2 / 2)} on node B (remote, an app in a ` +
          `process of its own, as a cluster node runs) reached through ` +
          `Redis (${options.redisUrl}); the send's shared fields travel in the pub/sub payload (messages over ` +
          `${INLINE_LIMIT / 1024} KB are read from the shared database instead). Both nodes and the browsers run on any ` +
          'core. Added = remote − local.'
        : `Not measured: no Redis reachable at ${options.redisUrl} (set BENCH_REDIS_URL).`,
      headers: ['Streams', 'Local p50', 'Local p99', 'Remote p50', 'Remote p99', 'Added p50', 'Added p99', 'Lost', 'Duplicated'],
      rows: redis
        ? [[
            String(n2), `${ms(lat(redis.local, 50))} ms`, `${ms(lat(redis.local, 99))} ms`, `${ms(lat(redis.remote, 50))} ms`,
            `${ms(lat(redis.remote, 99))} ms`, `${ms(lat(redis.remote, 50) - lat(redis.local, 50))} ms`,
            `${ms(lat(redis.remote, 99) - lat(redis.local, 99))} ms`, String(redis.local.lost + redis.remote.lost),
            String(redis.local.duplicated + redis.remote.duplicated),
          ]]
        : [],
    },
  ];
  const targets: TargetCheck[] = [
    { scenario: `stream, ${n} streams on one node`, target: `p99 commit → event < ${p99Goal} ms`, measured: `${ms(p99)} ms`, pass: p99 < p99Goal },
    {
      scenario: `stream, ${n} streams on one node`,
      target: "opening them slows another user's request ≤ 2× (median)",
      measured:
        `${ms(single.others.whileOpening)} ms vs ${ms(single.others.alone)} ms alone (${(single.others.whileOpening / single.others.alone).toFixed(2)}×; ` +
        `beside 100 plain requests ${(single.others.besidePlain / single.others.alone).toFixed(2)}×)`,
      pass: single.others.whileOpening <= 2 * single.others.alone,
    },
    {
      scenario: `stream, ${n} streams on one node`,
      target: '≤ 20 KB of memory per open stream (JS heap + buffers)',
      measured: `${kb(single.perStream.js)} KB (RSS ${kb(single.perStream.rss)} KB)`,
      pass: single.perStream.js <= 20 * 1024,
    },
    ...(redis ? crossNodeTargets(redis, n2) : []),
    {
      scenario: redis ? 'stream, one node and two nodes' : 'stream, one node (two nodes not run)',
      target: 'zero lost or duplicated events',
      measured: `${lost} lost, ${duplicated} duplicated`,
      pass: lost === 0 && duplicated === 0,
    },
  ];
  return { sections, targets };
}
