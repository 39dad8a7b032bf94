import { PURGE_BATCH_MS, PURGE_BATCH_ROWS, nextPurgeBatch } from '../server/services/store/purge-batch';

describe('the size of the next retention batch (nextPurgeBatch)', () => {
  it('doubles while batches take under half the aim, up to the largest batch', () => {
    expect(nextPurgeBatch(50, PURGE_BATCH_MS / 4)).toBe(100);
    expect(nextPurgeBatch(800, 0)).toBe(PURGE_BATCH_ROWS.max);
  });

  it('halves while batches take over twice the aim, down to the smallest batch', () => {
    expect(nextPurgeBatch(100, PURGE_BATCH_MS * 3)).toBe(50);
    expect(nextPurgeBatch(PURGE_BATCH_ROWS.min, PURGE_BATCH_MS * 100)).toBe(PURGE_BATCH_ROWS.min);
  });

  it('keeps the size while batches take about the aim', () => {
    expect(nextPurgeBatch(120, PURGE_BATCH_MS)).toBe(120);
    expect(nextPurgeBatch(120, PURGE_BATCH_MS * 2)).toBe(120);
    expect(nextPurgeBatch(120, PURGE_BATCH_MS / 2)).toBe(120);
  });
});
