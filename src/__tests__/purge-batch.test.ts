import { PURGE_BATCH_MS, nextPurgeBatch, purgeBatchBounds, restAfterPurgeBatch } from '../server/services/store/purge-batch';

describe('the size of the next retention batch (nextPurgeBatch)', () => {
  const bounds = purgeBatchBounds(false);

  it('doubles while batches take under half the aim, up to the largest batch', () => {
    expect(nextPurgeBatch(200, PURGE_BATCH_MS / 4, bounds)).toBe(400);
    expect(nextPurgeBatch(800, 0, bounds)).toBe(bounds.max);
  });

  it('halves while batches take over twice the aim, down to the smallest batch', () => {
    expect(nextPurgeBatch(400, PURGE_BATCH_MS * 3, bounds)).toBe(200);
    expect(nextPurgeBatch(bounds.min, PURGE_BATCH_MS * 100, bounds)).toBe(bounds.min);
  });

  it('keeps the size while batches take about the aim', () => {
    expect(nextPurgeBatch(240, PURGE_BATCH_MS, bounds)).toBe(240);
    expect(nextPurgeBatch(240, PURGE_BATCH_MS * 2, bounds)).toBe(240);
    expect(nextPurgeBatch(240, PURGE_BATCH_MS / 2, bounds)).toBe(240);
  });
});

describe('the bounds of a retention batch (purgeBatchBounds)', () => {
  it('goes down to 10 rows where a batch holds every write (SQLite), 100 where it holds only its users\' counters', () => {
    expect(purgeBatchBounds(true)).toEqual({ min: 10, max: 1000 });
    expect(purgeBatchBounds(false)).toEqual({ min: 100, max: 1000 });
    expect(nextPurgeBatch(40, PURGE_BATCH_MS * 3, purgeBatchBounds(true))).toBe(20);
    expect(nextPurgeBatch(40, PURGE_BATCH_MS * 3, purgeBatchBounds(false))).toBe(100);
  });
});

describe('the rest after a retention batch (restAfterPurgeBatch)', () => {
  it('rests as long as the batch worked, so the purge takes half the time at most', () => {
    expect(restAfterPurgeBatch(20)).toBe(20);
    expect(restAfterPurgeBatch(0)).toBe(0);
  });
});
