import { ChildProcess, fork } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { performance } from 'perf_hooks';
import type { MockServer } from '@nocobase/test';
import { PLUGIN_NAME, RESOURCES } from '../src/constants';
import type PluginInAppMessageServer from '../src/server/plugin';
import { Listening, authHeaders, listen } from '../src/__tests__/sse-client';
import { createChannel, createInboxApp, inboxOf } from '../src/__tests__/test-utils';
import { createMembers } from './app';
import type { Section, TargetCheck } from './report';
import { percentile, settle } from './stats';

export interface StreamOptions {
  streams: number;
  sends: number;
  redisUrl: string;
}

export interface StreamReport {
  sections: Section[];
  targets: TargetCheck[];
}

type Arrival = [key: string, id: number, at: number];

const now = () => performance.timeOrigin + performance.now();
const CHANNEL = 'bench-stream';
/** Long enough that no `: ping` lands inside a measurement. */
const PING_MS = 10 * 60 * 1000;

/** The browsers, in a child process: one SSE request each, arrival times of `message` events. */
class Browsers {
  private readonly child: ChildProcess;

  constructor() {
    this.child = fork(path.join(__dirname, 'stream-clients.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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

  open(streams: { url: string; key: string; headers: Record<string, string> }[]) {
    return this.ask<{ failed: number; ms: number }>({ type: 'open', streams }, 'opened');
  }

  async wait(expected: number, timeoutMs: number): Promise<Arrival[]> {
    return (await this.ask<{ arrivals: Arrival[] }>({ type: 'wait', expected, timeoutMs }, 'arrivals')).arrivals;
  }

  close(): void {
    if (this.child.connected) this.child.send({ type: 'close' });
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

/** One send to `userIds`, timed from the commit: the events leave in the transaction's after-commit hooks. */
async function sendTimed(app: MockServer, userIds: number[], title: string) {
  const transaction = await app.db.sequelize.transaction();
  const messages = await inboxOf(app).send({ channelName: CHANNEL, receivers: userIds, title }, { transaction });
  const commitAt = now();
  await transaction.commit();
  return { commitAt, expected: new Map(messages.map((m) => [String(m.userId), m.id])) };
}

const hubOf = (app: MockServer) => (app.pm.get(PLUGIN_NAME) as PluginInAppMessageServer).realtime.hub;

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
    const latencies = deliveries.record(expected, await browsers.wait(expected.size, 15_000), commitAt, i > 0);
    log(`  send ${i}${i ? '' : ' (warm-up)'}: first event after ${ms(percentile(latencies, 0))} ms, last after ${ms(percentile(latencies, 100))} ms`);
    await hubOf(app).idle();
    await settle(50);
  }
  return deliveries;
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** 1,000 streams on one node: latency from commit to arrival, memory per open stream. */
async function oneNode(options: StreamOptions, log: (line: string) => void) {
  const app = await createInboxApp({ inbox: { streamPingMs: PING_MS } });
  const browsers = new Browsers();
  let http: Listening | undefined;
  try {
    await createChannel(app, CHANNEL, 'Stream bench');
    const userIds = await createMembers(app, options.streams);
    http = await listen(app);
    const streams = await streamsFor(app, http, userIds);
    // opened 100 at a time; memory is compared between 20% and 100% open, so what the first streams pay once
    // (code warming up, pools and buffers growing) is not charged to every stream
    const started = now();
    const batch = 100;
    const warm = streams.length >= 2 * batch ? Math.max(1, Math.round(streams.length / batch / 5)) * batch : 0;
    let before = memory();
    for (let i = 0; i < streams.length; i += batch) {
      if (i === warm) before = memory();
      await openAll(browsers, streams.slice(i, i + batch));
      await hubOf(app).idle();
    }
    const openMs = now() - started;
    const after = memory();
    const counted = streams.length - warm;
    const deliveries = await measureSends(app, browsers, userIds, options.sends, log);
    deliveries.strays(await browsers.wait(Infinity, 1000));
    const perStream = { rss: (after.rss - before.rss) / counted, js: (after.js - before.js) / counted };
    log(`stream: ${options.streams} streams opened in ${openMs.toFixed(0)} ms; p50 ${ms(percentile(deliveries.latencies, 50))} ms, ` +
      `p99 ${ms(percentile(deliveries.latencies, 99))} ms; per stream ${kb(perStream.js)} KB JS heap, ${kb(perStream.rss)} KB RSS`);
    return { openMs, deliveries, perStream };
  } finally {
    browsers.close();
    await http?.close();
    await app.destroy();
  }
}

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379), timeout: 1000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

async function connected(app: MockServer, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(app.pubSubManager as any).adapter?.isConnected?.(); await settle(50)) {
    if (Date.now() > deadline) throw new Error('the Redis pub/sub adapter did not connect');
  }
}

/**
 * Two app nodes on one database and one Redis: half the streams on the sending node, half on the other; the
 * same send reaches both halves, so the difference of their latencies is what crossing nodes adds.
 */
async function twoNodes(options: StreamOptions, log: (line: string) => void) {
  const name = `inbox_bench_${Date.now().toString(36)}`;
  const sqliteFile = process.env.DB_DIALECT === 'sqlite' ? path.join(os.tmpdir(), `${name}.sqlite`) : undefined;
  const node = (instanceId: number) => ({
    name,
    instanceId,
    skipSupervisor: true,
    ...(sqliteFile ? { database: { storage: sqliteFile } } : {}),
    inbox: { redisUrl: options.redisUrl, streamPingMs: PING_MS },
  });
  const browsers = new Browsers();
  const apps: MockServer[] = [];
  const https: Listening[] = [];
  try {
    apps.push(await createInboxApp(node(1)));
    await createChannel(apps[0], CHANNEL, 'Stream bench');
    const userIds = await createMembers(apps[0], options.streams);
    apps.push(await createInboxApp({ ...node(2), skipInstall: true }));
    for (const app of apps) await connected(app);
    for (const app of apps) https.push(await listen(app));
    const half = Math.ceil(userIds.length / 2);
    const local = new Set(userIds.slice(0, half).map(String));
    await openAll(browsers, [
      ...(await streamsFor(apps[0], https[0], userIds.slice(0, half))),
      ...(await streamsFor(apps[1], https[1], userIds.slice(half))),
    ]);
    for (const app of apps) await hubOf(app).idle();
    const sides = { local: new Deliveries(), remote: new Deliveries() };
    // send 0 warms up, as on one node
    for (let i = 0; i <= options.sends; i++) {
      const { commitAt, expected } = await sendTimed(apps[0], userIds, `two nodes ${i}`);
      const arrivals = await browsers.wait(expected.size, 15_000);
      for (const side of ['local', 'remote'] as const) {
        const mine = (key: string) => local.has(key) === (side === 'local');
        sides[side].record(new Map([...expected].filter(([k]) => mine(k))), arrivals.filter(([k]) => mine(k)), commitAt, i > 0);
      }
      for (const app of apps) await hubOf(app).idle();
      await settle(50);
    }
    sides.remote.strays(await browsers.wait(Infinity, 1000));
    log(`stream, two nodes: local p50 ${ms(percentile(sides.local.latencies, 50))} ms, remote p50 ${ms(percentile(sides.remote.latencies, 50))} ms`);
    return sides;
  } finally {
    browsers.close();
    for (const http of https) await http.close();
    for (const app of apps.reverse()) await app.destroy();
    if (sqliteFile) fs.rmSync(sqliteFile, { force: true });
  }
}

/** The stream scenario (ours only: the official plugin pushes over the app's WebSocket, with no replay to compare). */
export async function runStream(options: StreamOptions, log: (line: string) => void): Promise<StreamReport> {
  const single = await oneNode(options, log);
  const redis = (await reachable(options.redisUrl)) ? await twoNodes(options, log) : null;
  if (!redis) log(`stream, two nodes: skipped, no Redis at ${options.redisUrl}`);

  const lat = (d: Deliveries, p: number) => percentile(d.latencies, p);
  const p99 = lat(single.deliveries, 99);
  const all = [single.deliveries, ...(redis ? [redis.local, redis.remote] : [])];
  const lost = all.reduce((n, d) => n + d.lost, 0);
  const duplicated = all.reduce((n, d) => n + d.duplicated, 0);
  const n = options.streams;
  const sections: Section[] = [
    {
      title: `Stream: ${n} concurrent streams on one node`,
      note:
        `One send to all ${n} users, ${options.sends} times after one warm-up send; latency from the send's commit to the \`message\` event read by ` +
        'the client (the clients run in a child process, over loopback HTTP). Streams open 100 at a time; memory per stream ' +
        'is the growth of the app process (after a forced GC) from 20% to 100% of them open, divided by the streams opened ' +
        'in between. JS heap is V8 heap + external buffers: what the streams hold, judged against the target. RSS is the ' +
        'whole process, allocator slack included — and with SQLite in memory the database lives in this same process, so ' +
        'its allocations (each stream opening runs queries) land there too.',
      headers: ['Streams', 'Opened in', 'p50', 'p99', 'Max', 'Events', 'Lost', 'Duplicated', 'RSS per stream', 'JS heap per stream'],
      rows: [[
        String(n), `${single.openMs.toFixed(0)} ms`, `${ms(lat(single.deliveries, 50))} ms`, `${ms(p99)} ms`,
        `${ms(lat(single.deliveries, 100))} ms`, String(single.deliveries.latencies.length), String(single.deliveries.lost),
        String(single.deliveries.duplicated), `${kb(single.perStream.rss)} KB`, `${kb(single.perStream.js)} KB`,
      ]],
    },
    {
      title: 'Stream: two nodes through Redis',
      note: redis
        ? `Node A sends; ${Math.ceil(n / 2)} streams on A (local), ${Math.floor(n / 2)} on node B (remote) reached through ` +
          `Redis (${options.redisUrl}), which reads the rows it announces from the shared database. Added = remote − local.`
        : `Not measured: no Redis reachable at ${options.redisUrl} (set BENCH_REDIS_URL).`,
      headers: ['Streams', 'Local p50', 'Local p99', 'Remote p50', 'Remote p99', 'Added p50', 'Added p99', 'Lost', 'Duplicated'],
      rows: redis
        ? [[
            String(n), `${ms(lat(redis.local, 50))} ms`, `${ms(lat(redis.local, 99))} ms`, `${ms(lat(redis.remote, 50))} ms`,
            `${ms(lat(redis.remote, 99))} ms`, `${ms(lat(redis.remote, 50) - lat(redis.local, 50))} ms`,
            `${ms(lat(redis.remote, 99) - lat(redis.local, 99))} ms`, String(redis.local.lost + redis.remote.lost),
            String(redis.local.duplicated + redis.remote.duplicated),
          ]]
        : [],
    },
  ];
  const targets: TargetCheck[] = [
    { scenario: `stream, ${n} streams on one node`, target: 'p99 commit → event < 100 ms', measured: `${ms(p99)} ms`, pass: p99 < 100 },
    {
      scenario: `stream, ${n} streams on one node`,
      target: '≤ 20 KB of memory per open stream (JS heap + buffers)',
      measured: `${kb(single.perStream.js)} KB (RSS ${kb(single.perStream.rss)} KB)`,
      pass: single.perStream.js <= 20 * 1024,
    },
    {
      scenario: redis ? 'stream, one node and two nodes' : 'stream, one node (two nodes not run)',
      target: 'zero lost or duplicated events',
      measured: `${lost} lost, ${duplicated} duplicated`,
      pass: lost === 0 && duplicated === 0,
    },
  ];
  return { sections, targets };
}
