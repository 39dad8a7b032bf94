/** Write-lock time a retention batch aims at: a send waits for one batch at most, so this is what it may lose. */
export const PURGE_BATCH_MS = 5;
/** Rows of the first batch, and the bounds every later one stays within. */
export const PURGE_BATCH_ROWS = { first: 50, min: 10, max: 1000 } as const;

/**
 * Pure: the next retention batch's rows, from the last batch's rows and how long its transaction took: doubled while
 * batches take under half the aim, halved while they take over twice it, within PURGE_BATCH_ROWS. The cost of a row
 * depends on the database, its indexes and the load, so the size follows what was measured, not a constant.
 */
export function nextPurgeBatch(rows: number, ms: number): number {
  const next = ms < PURGE_BATCH_MS / 2 ? rows * 2 : ms > PURGE_BATCH_MS * 2 ? Math.floor(rows / 2) : rows;
  return Math.min(PURGE_BATCH_ROWS.max, Math.max(PURGE_BATCH_ROWS.min, next));
}
