import { PURGE_BATCH_MS, PURGE_BATCH_ROWS, nextPurgeBatch, restAfterPurgeBatch } from '../server/services/store/purge-batch';

describe('the size of the next retention batch (nextPurgeBatch)', () => {
  it('doubles while batches take under half the aim, up to the largest batch', () => {
    expect(nextPurgeBatch(200, PURGE_BATCH_MS / 4)).toBe(400);
    expect(nextPurgeBatch(800, 0)).toBe(PURGE_BATCH_ROWS.max);
  });

  it('halves while batches take over twice the aim, down to the smallest batch', () => {
    expect(nextPurgeBatch(400, PURGE_BATCH_MS * 3)).toBe(200);
    expect(nextPurgeBatch(PURGE_BATCH_ROWS.min, PURGE_BATCH_MS * 100)).toBe(PURGE_BATCH_ROWS.min);
  });

  it('keeps the size while batches take about the aim', () => {
    expect(nextPurgeBatch(240, PURGE_BATCH_MS)).toBe(240);
    expect(nextPurgeBatch(240, PURGE_BATCH_MS * 2)).toBe(240);
    expect(nextPurgeBatch(240, PURGE_BATCH_MS / 2)).toBe(240);
  });
});

describe('the rest after a retention batch (restAfterPurgeBatch)', () => {
  it('rests as long as the batch worked, so the purge takes half the time at most', () => {
    expect(restAfterPurgeBatch(20)).toBe(20);
    expect(restAfterPurgeBatch(0)).toBe(0);
  });
});
