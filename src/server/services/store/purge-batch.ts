/** Write-lock time a retention batch aims at: a send waits for one batch at most, so this is what it may lose. */
export const PURGE_BATCH_MS = 5;
export interface PurgeBatchBounds {
  min: number;
  max: number;
}

/**
 * The rows every batch stays within; the first is the smallest. On SQLite a batch holds the one write lock, so every
 * send waits for all of it: batches go down to 10 rows. Elsewhere a batch holds up only the sends to its users, and only
 * for its counters' update (its rows are locked first), while its fixed cost (round trips, the commit's flush: about
 * 8 ms on MariaDB) is worth 100 rows at least: at 10 rows a batch MariaDB purged 850 rows/s and the sends beside it
 * took 7× their p99, at 100 (rested) 2,400 rows/s and 1.9× (300,000 rows, bench/results/mariadb-retention-*).
 */
export const purgeBatchBounds = (oneWriter: boolean): PurgeBatchBounds => ({ min: oneWriter ? 10 : 100, max: 1000 });

/**
 * Pure: the next retention batch's rows, from the last batch's rows and how long its transaction took: doubled while
 * batches take under half the aim, halved while they take over twice it, within `bounds`. The cost of a row depends
 * on the database, its indexes and the load, so the size follows what was measured, not a constant.
 */
export function nextPurgeBatch(rows: number, ms: number, bounds: PurgeBatchBounds): number {
  const next = ms < PURGE_BATCH_MS / 2 ? rows * 2 : ms > PURGE_BATCH_MS * 2 ? Math.floor(rows / 2) : rows;
  return Math.min(bounds.max, Math.max(bounds.min, next));
}

/**
 * Rest after a retention batch, as a share of the batch's time: at 1 the purge works half the time. Run back to back,
 * its batches keep a two-core database busy enough to slow every send beside it several times over (MariaDB, 300,000
 * rows); retention is a daily background job, so it gives way.
 */
export const PURGE_REST_RATIO = 1;

/** Pure: how long to rest after a batch whose work took `ms`. */
export const restAfterPurgeBatch = (ms: number): number => ms * PURGE_REST_RATIO;
