import { BatchingQueue } from './batching-queue';

/**
 * Runs `work(key)` for every key added, at most `concurrency` at a time, with the keys added in one tick
 * merged: a batching queue whose batches hold one key, for work that has no cheaper way to do many keys at once.
 * A key added while its job runs is run once more afterwards, never twice at the same time.
 */
export class CoalescingQueue<K> extends BatchingQueue<K> {
  constructor(work: (key: K) => Promise<void>, concurrency: number, onError: (error: unknown, key: K) => void) {
    super(([key]) => work(key), { concurrency, batchSize: 1 }, (error, [key]) => onError(error, key));
  }
}
