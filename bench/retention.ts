import type { MockServer } from '@nocobase/test';
import { AsyncLocalStorage } from 'async_hooks';
import { performance } from 'perf_hooks';
import { createChannel, inboxOf } from '../testing/app';
import { bootBothPlugins, createReceivers } from './app';
import type { Section, TargetCheck } from './report';
import { analyzeLikeProduction, seedMessages } from './seed';
import { percentile, seededRandom, settle, timeMs } from './stats';

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

export interface RetentionOptions {
  /** Read messages seeded, every one older than the retention: all of them are purged. */
  messages: number;
  users: number;
  /** Receivers of each send timed beside the purge. */
  receivers: number;
  /** Sends timed without the purge (the baseline). */
  sends: number;
  /** Rows per purge transaction; unset: the retention job's own default. */
  batch?: number;
}

export interface RetentionReport {
  sections: Section[];
  targets: TargetCheck[];
}

const CHANNEL = 'bench-retention';
/** Pause between two timed sends, with and without the purge: a steady flow of sends, not a flood. */
const SEND_GAP_MS = 10;
/**
 * The purge runs this long, then is held (between two batches) for HELD_MS: the sends in the held windows are the
 * baseline, timed on the same table at the same size as the sends beside the purge (the sends grow the table by
 * thousands of rows a second, so a baseline taken only before a long purge times a table a fraction the size).
 */
const RUN_MS = 30_000;
const HELD_MS = 10_000;
/** The purge's first seconds, before the sends beside it begin: its rate when nothing else writes (a quiet night). */
const ALONE_MS = 10_000;
/** A send in a held window counts once the last batch is this long past: not the disk's flush of that batch. */
const SETTLED_MS = 2_000;

interface TimedSend {
  ms: number;
  /** The purge's phase (its window's number) when the send began and ended. */
  window: [number, number];
  /** No purge batch was in flight when it began, and none ended within SETTLED_MS before. */
  settled: boolean;
}

/** Sends to `receivers` users (a run of ids from a random one) one after another until `until` says stop. */
async function timedSends(app: MockServer, userIds: number[], receivers: number, until: (count: number) => boolean, purge?: PurgeWindows) {
  const random = seededRandom(11);
  const sends: TimedSend[] = [];
  while (!until(sends.length)) {
    const start = Math.floor(random() * userIds.length);
    const picked = Array.from({ length: receivers }, (_, i) => userIds[(start + i) % userIds.length]);
    const title = `during retention ${sends.length}`;
    const window = purge?.window ?? 0;
    const settled = purge?.settled() ?? true;
    const ms = await timeMs(() => inboxOf(app).send({ channelName: CHANNEL, receivers: picked, title }));
    sends.push({ ms, window: [window, purge?.window ?? 0], settled });
    await settle(SEND_GAP_MS);
  }
  return sends;
}

/**
 * Runs the purge in windows: RUN_MS running, HELD_MS held before its next batch's transaction. Only the purge's
 * transactions wait (they run in this context); each batch it counts, with its rows and the time of its work.
 */
class PurgeWindows {
  /** Even: running; odd: held. */
  window = 0;
  readonly batches: { rows: number; ms: number }[] = [];
  /** Milliseconds the purge was held, left out of its rows/s. */
  heldMs = 0;
  private inFlight = 0;
  private lastBatchEnd = 0;
  private release: (() => void) | undefined;
  private opened: Promise<void> = Promise.resolve();
  private readonly context = new AsyncLocalStorage<true>();
  private timer: NodeJS.Timeout | undefined;
  private readonly restores: (() => void)[] = [];

  constructor(app: MockServer) {
    const inbox = inboxOf(app);
    const store = inbox['store'];
    const purgeRows = store.purgeReadBefore.bind(store);
    store.purgeReadBefore = async (...args: Parameters<typeof purgeRows>) => {
      const started = performance.now();
      const result = await purgeRows(...args);
      if (result) this.batches.push({ rows: result.deleted, ms: performance.now() - started });
      return result;
    };
    const transactions = inbox['transactions'];
    const write = transactions.write.bind(transactions);
    transactions.write = (async (...args: Parameters<typeof write>) => {
      if (!this.context.getStore()) return write(...args);
      await this.opened;
      this.inFlight++;
      try {
        return await write(...args);
      } finally {
        this.inFlight--;
        this.lastBatchEnd = performance.now();
      }
    }) as typeof write;
    this.restores.push(() => void (store.purgeReadBefore = purgeRows), () => void (transactions.write = write));
  }

  settled(): boolean {
    return this.inFlight === 0 && performance.now() - this.lastBatchEnd >= SETTLED_MS;
  }

  run(work: () => Promise<number>): Promise<number> {
    this.schedule();
    return this.context.run(true, work).finally(() => {
      clearTimeout(this.timer);
      this.release?.();
      this.restores.forEach((restore) => restore());
    });
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.window++;
      const held = performance.now();
      this.opened = new Promise((resolve) => (this.release = resolve));
      this.timer = setTimeout(() => {
        this.heldMs += performance.now() - held;
        this.window++;
        this.release?.();
        this.schedule();
      }, HELD_MS);
    }, RUN_MS);
  }
}

const msOf = (sends: TimedSend[]) => sends.map((s) => s.ms);
const inOneWindow = (s: TimedSend) => s.window[0] === s.window[1];

/**
 * Retention at scale (ours only: the official plugin has none): `messages` read messages past the retention, then
 * the purge, with sends going on beside it, against the same sends' times without it.
 */
export async function runRetention(options: RetentionOptions, log: (line: string) => void): Promise<RetentionReport> {
  const app = await bootBothPlugins({ name: 'bench_retention', skipSupervisor: true });
  try {
    await createChannel(app, CHANNEL, 'Retention bench');
    const userIds = await createReceivers(app, options.users);
    const started = Date.now();
    await seedMessages(app, 'ours', {
      messages: options.messages,
      userIds,
      channels: { ours: [CHANNEL], theirs: [] },
      heavyShare: 0.1,
      unreadShare: 0,
    });
    await analyzeLikeProduction(app);
    log(`retention: ${options.messages} read messages seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await inboxOf(app).updateSettings({ retentionDays: 30 });

    const before = await timedSends(app, userIds, options.receivers, (count) => count >= options.sends);
    const windows = new PurgeWindows(app);
    let purging = true;
    const purgeStarted = performance.now();
    const purge = windows.run(() => inboxOf(app).purgeExpired(new Date(), options.batch)).finally(() => (purging = false));
    await Promise.race([settle(ALONE_MS), purge]);
    const aloneSeconds = (performance.now() - purgeStarted) / 1000;
    const aloneRows = sum(windows.batches.map((b) => b.rows));
    const beside = await timedSends(app, userIds, options.receivers, () => !purging, windows);
    const deleted = await purge;
    const purgeSeconds = (performance.now() - purgeStarted - windows.heldMs) / 1000;
    const rate = { alone: aloneRows / aloneSeconds, beside: (deleted - aloneRows) / (purgeSeconds - aloneSeconds) };
    const sent = before.length + beside.length;
    if (deleted !== options.messages) throw new Error(`the purge deleted ${deleted} messages, expected ${options.messages}`);
    const remaining = await app.db.getModel('inboxMessages').count();
    if (remaining !== sent * options.receivers) throw new Error(`${remaining} messages left, expected the ${sent} sends' only`);

    const during = msOf(beside.filter((s) => inOneWindow(s) && s.window[0] % 2 === 0));
    const held = msOf(beside.filter((s) => inOneWindow(s) && s.window[0] % 2 === 1 && s.settled));
    const alone = [...msOf(before), ...held];
    const p99 = { alone: percentile(alone, 99), during: percentile(during, 99), before: percentile(msOf(before), 99), held: percentile(held, 99) };
    const largest = Math.max(...windows.batches.map((b) => b.rows));
    const longest = Math.max(...windows.batches.map((b) => b.ms));
    const rowsPerSecond = deleted / purgeSeconds;
    const perSecond = (rows: number) => (Number.isFinite(rows) ? Math.round(rows).toLocaleString('en-US') : '–');
    log(`retention: ${deleted} purged in ${purgeSeconds.toFixed(1)} s running (${Math.round(rowsPerSecond)} rows/s; ` +
      `${perSecond(rate.alone)} alone, ${perSecond(rate.beside)} beside the sends), ` +
      `${windows.batches.length} batches; send p99 ${p99.alone.toFixed(1)} ms without it (${p99.before.toFixed(1)} before, ` +
      `${p99.held.toFixed(1)} held), ${p99.during.toFixed(1)} ms during (${during.length} sends)`);
    const fixed = (n: number) => n.toFixed(1);
    const scenario = `retention, ${deleted.toLocaleString('en-US')} read messages`;
    return {
      sections: [{
        title: `Retention: purging ${deleted.toLocaleString('en-US')} read messages`,
        note:
          `${deleted.toLocaleString('en-US')} read messages over ${options.users.toLocaleString('en-US')} users, all past the ` +
          'retention, purged by the retention job\'s own call (`purgeExpired`) in batches, each its own transaction. ' +
          `Its first ${ALONE_MS / 1000} s run alone ("alone"), then the sends below go on beside it ("beside the sends"). ` +
          `The purge runs ${RUN_MS / 1000} s, then is held ${HELD_MS / 1000} s before its next batch, and so on; its rows/s leave the ` +
          `held time out. "Batch" is one transaction's work.`,
        headers: ['Purged', 'Seconds running', 'Rows/s', 'Rows/s alone', 'Rows/s beside the sends', 'Batches', 'Largest batch', 'Longest batch', 'Held windows'],
        rows: [[
          deleted.toLocaleString('en-US'), fixed(purgeSeconds), perSecond(rowsPerSecond), perSecond(rate.alone), perSecond(rate.beside),
          String(windows.batches.length), `${largest} rows`, `${fixed(longest)} ms`, String(Math.floor(windows.window / 2)),
        ]],
      }, {
        title: 'Retention: sends beside the purge',
        note:
          `Sends to ${options.receivers} users (from a random one on), one after another, ${SEND_GAP_MS} ms apart: ${options.sends} before ` +
          `the purge, then from its ${ALONE_MS / 1000}th second on until it ends. Each adds rows, so the table grows while the purge shrinks it: the sends ` +
          `made while it was held (from ${SETTLED_MS / 1000} s after its last batch) time the table at the size the sends ` +
          'during it see. "Without it" is both kinds; a send that spans two windows counts in neither.',
        headers: ['Sends', 'Count', 'p50', 'p99'],
        rows: ([
          ['before the purge', msOf(before)],
          ['while it was held', held],
          ['**without it** (both)', alone],
          ['**during it**', during],
        ] as [string, number[]][]).map(([name, samples]) => [
          name, String(samples.length), `${fixed(percentile(samples, 50))} ms`, `${fixed(percentile(samples, 99))} ms`,
        ]),
      }],
      targets: [
        {
          scenario,
          target: 'sends during the purge: p99 ≤ 2× their p99 without it',
          measured: `${fixed(p99.during)} ms vs ${fixed(p99.alone)} ms (${(p99.during / p99.alone).toFixed(2)}×; ` +
            `${(p99.during / p99.held).toFixed(2)}× the held windows' alone)`,
          pass: p99.during <= 2 * p99.alone,
        },
        {
          scenario,
          target: 'runs in bounded batches (each its own transaction of ≤ 1,000 rows)',
          measured: `${windows.batches.length} batches of ≤ ${largest} rows, longest ${fixed(longest)} ms; ${perSecond(rowsPerSecond)} rows/s ` +
            `(${perSecond(rate.alone)} alone, ${perSecond(rate.beside)} beside the sends)`,
          pass: windows.batches.length > 1 && largest <= 1000,
        },
      ],
    };
  } finally {
    await app.destroy();
  }
}
