import type { MockServer } from '@nocobase/test';
import { performance } from 'perf_hooks';
import { createChannel, inboxOf } from '../testing/app';
import { bootBothPlugins, createReceivers } from './app';
import type { Section, TargetCheck } from './report';
import { analyzeLikeProduction, seedMessages } from './seed';
import { percentile, seededRandom, settle, timeMs } from './stats';

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

/** Sends to `receivers` users (a run of ids from a random one) one after another until `until` says stop; the wall time of each. */
async function timedSends(app: MockServer, userIds: number[], receivers: number, until: (count: number) => boolean) {
  const random = seededRandom(11);
  const times: number[] = [];
  while (!until(times.length)) {
    const start = Math.floor(random() * userIds.length);
    const picked = Array.from({ length: receivers }, (_, i) => userIds[(start + i) % userIds.length]);
    const title = `during retention ${times.length}`;
    times.push(await timeMs(() => inboxOf(app).send({ channelName: CHANNEL, receivers: picked, title })));
    await settle(SEND_GAP_MS);
  }
  return times;
}

/** Each batch of the purge: how many rows it deleted and how long its transaction's work took. */
function watchBatches(app: MockServer) {
  const store = inboxOf(app)['store'];
  const original = store.purgeReadBefore.bind(store);
  const batches: { rows: number; ms: number }[] = [];
  store.purgeReadBefore = async (...args: Parameters<typeof original>) => {
    const started = performance.now();
    const result = await original(...args);
    if (result) batches.push({ rows: result.deleted, ms: performance.now() - started });
    return result;
  };
  return { batches, restore: () => void (store.purgeReadBefore = original) };
}

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

    const alone = await timedSends(app, userIds, options.receivers, (count) => count >= options.sends);
    const watch = watchBatches(app);
    let purging = true;
    const purgeStarted = performance.now();
    const purge = inboxOf(app).purgeExpired(new Date(), options.batch).finally(() => (purging = false));
    const during = await timedSends(app, userIds, options.receivers, () => !purging);
    const deleted = await purge;
    const purgeSeconds = (performance.now() - purgeStarted) / 1000;
    watch.restore();
    const sent = alone.length + during.length;
    if (deleted !== options.messages) throw new Error(`the purge deleted ${deleted} messages, expected ${options.messages}`);
    const remaining = await app.db.getModel('inboxMessages').count();
    if (remaining !== sent * options.receivers) throw new Error(`${remaining} messages left, expected the ${sent} sends' only`);

    const p99 = { alone: percentile(alone, 99), during: percentile(during, 99) };
    const largest = Math.max(...watch.batches.map((b) => b.rows));
    const longest = Math.max(...watch.batches.map((b) => b.ms));
    const rowsPerSecond = deleted / purgeSeconds;
    log(`retention: ${deleted} purged in ${purgeSeconds.toFixed(1)} s (${Math.round(rowsPerSecond)} rows/s), ` +
      `${watch.batches.length} batches; send p99 ${p99.alone.toFixed(1)} ms alone, ${p99.during.toFixed(1)} ms during (${during.length} sends)`);
    const fixed = (n: number) => n.toFixed(1);
    const scenario = `retention, ${deleted.toLocaleString('en-US')} read messages`;
    return {
      sections: [{
        title: `Retention: purging ${deleted.toLocaleString('en-US')} read messages`,
        note:
          `${deleted.toLocaleString('en-US')} read messages over ${options.users.toLocaleString('en-US')} users, all past the ` +
          'retention, purged by the retention job\'s own call (`purgeExpired`) in batches, each its own transaction. ' +
          `Meanwhile sends to ${options.receivers} users (from a random one on) go on one after another (${SEND_GAP_MS} ms apart); the same ` +
          `sends were first timed ${options.sends} times without the purge, on the same table. "Batch" is one transaction's work.`,
        headers: ['Purged', 'Seconds', 'Rows/s', 'Batches', 'Largest batch', 'Longest batch', 'Send p50 / p99 alone', 'Send p50 / p99 during', 'Sends during'],
        rows: [[
          deleted.toLocaleString('en-US'), fixed(purgeSeconds), Math.round(rowsPerSecond).toLocaleString('en-US'),
          String(watch.batches.length), `${largest} rows`, `${fixed(longest)} ms`,
          `${fixed(percentile(alone, 50))} / ${fixed(p99.alone)} ms`, `${fixed(percentile(during, 50))} / ${fixed(p99.during)} ms`,
          String(during.length),
        ]],
      }],
      targets: [
        {
          scenario,
          target: 'sends during the purge: p99 ≤ 2× their p99 without it',
          measured: `${fixed(p99.during)} ms vs ${fixed(p99.alone)} ms (${(p99.during / p99.alone).toFixed(2)}×)`,
          pass: p99.during <= 2 * p99.alone,
        },
        {
          scenario,
          target: 'runs in bounded batches (each its own transaction of ≤ 1,000 rows)',
          measured: `${watch.batches.length} batches of ≤ ${largest} rows, longest ${fixed(longest)} ms; ${Math.round(rowsPerSecond).toLocaleString('en-US')} rows/s`,
          pass: watch.batches.length > 1 && largest <= 1000,
        },
      ],
    };
  } finally {
    await app.destroy();
  }
}
