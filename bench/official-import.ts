// `npm run bench:import`: the import from the official in-app plugin at scale. Seeds N official rows (1,000,000 by
// default; INBOX_BENCH_IMPORT_ROWS to change) over 1,000 users and 5 channels, a third read, then times
// `inboxSettings:importOfficial`'s service call, samples the process's peak memory while it runs, checks every
// row and counter arrived, and times a second (idempotent) run. Figures go to bench/results/official-import-<dialect>.json.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { COLLECTIONS, OFFICIAL } from '../src/shared/constants';
import { inboxOf } from '../testing/app';
import { bootBothPlugins, createChannels, createReceivers } from './app';
import { seedMessages } from './seed';

const ROWS = Number(process.env.INBOX_BENCH_IMPORT_ROWS || 1_000_000);
const MB = 1024 * 1024;

/** Peak RSS and heap while `work` runs, sampled every 50 ms (and once at the end). */
async function withPeakMemory<T>(work: () => Promise<T>) {
  global.gc?.();
  const start = process.memoryUsage();
  const peak = { rss: start.rss, heapUsed: start.heapUsed };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
  };
  const timer = setInterval(sample, 50);
  const started = performance.now();
  try {
    const result = await work();
    sample();
    return { result, ms: performance.now() - started, start, peak };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const app = await bootBothPlugins();
  try {
    const dialect = app.db.sequelize.getDialect();
    const channels = await createChannels(app, 5);
    const userIds = await createReceivers(app, 1000);
    console.log(`seeding ${ROWS} official rows on ${dialect}…`);
    await seedMessages(app, 'theirs', { messages: ROWS, userIds, channels, heavyShare: 0.01, unreadShare: 0.33 });

    const run = () => inboxOf(app).importOfficial({ convertChannels: true });
    const first = await withPeakMemory(run);
    const second = await withPeakMemory(run);

    const copied = await app.db.getModel(COLLECTIONS.messages).count();
    const counted = Number(await app.db.getModel(COLLECTIONS.counters).sum('totalCount'));
    const unread = Number(await app.db.getModel(COLLECTIONS.counters).sum('unreadCount'));
    const officialUnread = await app.db.getModel(OFFICIAL.messages).count({ where: { status: 'unread' } });
    if (first.result.imported !== ROWS || copied !== ROWS || counted !== ROWS || unread !== officialUnread) {
      throw new Error(`incomplete import: ${JSON.stringify({ result: first.result, copied, counted, unread, officialUnread })}`);
    }
    if (second.result.imported !== 0) throw new Error(`second run imported ${second.result.imported}`);

    const figures = {
      dialect,
      rows: ROWS,
      at: new Date().toISOString(),
      node: process.version,
      // the machine is shared: its load while the import ran says how far the figures are from an idle one
      loadAverage1m: +os.loadavg()[0].toFixed(1),
      cpus: os.cpus().length,
      first: {
        seconds: +(first.ms / 1000).toFixed(1),
        rowsPerSecond: Math.round(ROWS / (first.ms / 1000)),
        rssBeforeMb: Math.round(first.start.rss / MB),
        peakRssMb: Math.round(first.peak.rss / MB),
        peakHeapUsedMb: Math.round(first.peak.heapUsed / MB),
        channelsConverted: first.result.channelsConverted.length,
      },
      secondRun: { seconds: +(second.ms / 1000).toFixed(1), imported: second.result.imported, skipped: second.result.skipped },
    };
    console.log(JSON.stringify(figures, null, 2));
    const out = path.join(__dirname, 'results', `official-import-${dialect}.json`);
    fs.writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`written to ${path.relative(process.cwd(), out)}`);
  } finally {
    await app.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
