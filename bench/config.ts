/** What a run measures, from env (every knob has a default that fits the targets). */
const list = (name: string, fallback: number[]): number[] => {
  const raw = process.env[name];
  if (!raw) return fallback;
  return raw.split(',').map((v) => Number(v.trim().replace(/_/g, ''))).filter((n) => Number.isFinite(n) && n > 0);
};
const int = (name: string, fallback: number): number => list(name, [fallback])[0] ?? fallback;

/** Most runs a fan-out size gets. */
const MOST_FANOUT_RUNS = 21;

/**
 * Pure: the runs of a fan-out to `receivers`, at least `runs`. A small send is repeated more, up to 21 runs, so each
 * size is measured over about as long as the 10,000 one: a send to 1,000 takes some 20 ms, and the median of five
 * moved with the machine's noise by more than what the ≥ 3× target tells apart.
 */
export const fanoutRunsAt = (receivers: number, runs: number): number =>
  Math.max(runs, Math.min(MOST_FANOUT_RUNS, Math.round((runs * 10_000) / receivers)));

const messages = int('BENCH_MESSAGES', 1_000_000);
const users = int('BENCH_USERS', 10_000);
const baseMessages = Math.min(int('BENCH_BASE_MESSAGES', 10_000), messages);

export const config = {
  scenarios: (process.env.BENCH_SCENARIOS || 'fanout,read,stream,retention').split(',').map((s) => s.trim()),
  fanout: {
    receivers: list('BENCH_RECEIVERS', [1_000, 10_000, 50_000]),
    runs: int('BENCH_FANOUT_RUNS', 5),
    /** The search index job's interval for the sends (the plugin's default: unset); a large one keeps it out of them. */
    searchIndexMs: process.env.BENCH_SEARCH_INDEX_MS ? int('BENCH_SEARCH_INDEX_MS', 3000) : undefined,
  },
  read: {
    /** Data sets, smallest first: the small one keeps the same messages-per-user ratio as the large one. */
    scales: [...new Set([baseMessages, messages])].map((m) => ({
      messages: m,
      users: Math.max(2, Math.round((users * m) / messages)),
    })),
    channels: int('BENCH_CHANNELS', 20),
    heavyShare: 0.1,
    unreadShare: 0.3,
    /** Ours only: archived twins of this share of each user's messages, for the archived list. */
    archivedShare: 0.1,
    /** Ours only: snoozed twins of this share, for the snoozed list (fewer than archived: a snooze is for later today). */
    snoozedShare: 0.05,
    runs: int('BENCH_READ_RUNS', 15),
    /** The reads measured (READS' names, comma separated; the no-op action always): every one by default. */
    reads: (process.env.BENCH_READS || '').split(',').map((s) => s.trim()).filter(Boolean),
    pageSize: 30,
  },
  stream: {
    streams: int('BENCH_STREAMS', 10_000),
    nodeStreams: int('BENCH_NODE_STREAMS', 1_000),
    sends: int('BENCH_STREAM_SENDS', 5),
    redisUrl: process.env.BENCH_REDIS_URL || process.env.INBOX_TEST_REDIS_URL || 'redis://127.0.0.1:6379',
    pubSubPrefix: process.env.BENCH_PUBSUB_PREFIX || '',
    /** The browsers on half the cores and the app on the other half (bench/cores.ts); 0: both on every core. */
    splitCores: process.env.BENCH_SPLIT_CORES !== '0',
  },
  retention: {
    messages: int('BENCH_PURGE_MESSAGES', 1_000_000),
    users,
    receivers: int('BENCH_PURGE_RECEIVERS', 100),
    // a p99 of 100 sends is their second slowest, one disk stall away from doubling: 1,000 give it ten to stand on
    sends: int('BENCH_PURGE_SENDS', 1000),
    batch: process.env.BENCH_PURGE_BATCH ? int('BENCH_PURGE_BATCH', 1000) : undefined,
  },
  output: process.env.BENCH_OUTPUT || 'BENCHMARKS.md',
};

export type Scale = (typeof config.read.scales)[number];
