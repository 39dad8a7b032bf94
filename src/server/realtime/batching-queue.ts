export interface BatchingOptions {
  /** Batches running at once. */
  concurrency: number;
  /** Keys one batch takes at most. */
  batchSize: number;
}

/**
 * Runs `work(keys)` over every key added, in batches of at most `batchSize` keys, at most `concurrency` batches at a
 * time, with the keys added in one tick merged: a send to 10,000 users becomes 20 batches of 500, not 10,000 jobs.
 * A key is never in two running batches: one added while its batch runs waits for a later batch (the running one
 * may have read older data), so results of one key are delivered in order.
 */
export class BatchingQueue<K> {
  private readonly waiting = new Set<K>();
  private readonly running = new Set<K>();
  private batches = 0;
  private armed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly work: (keys: K[]) => Promise<void>,
    private readonly options: BatchingOptions,
    private readonly onError: (error: unknown, keys: K[]) => void,
  ) {}

  add(key: K): void {
    this.waiting.add(key);
    if (this.armed) return;
    this.armed = true;
    setImmediate(() => {
      this.armed = false;
      this.pump();
    });
  }

  /** Resolves once nothing waits or runs (shutdown, tests). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return !this.waiting.size && !this.batches && !this.armed;
  }

  private pump(): void {
    while (this.batches < this.options.concurrency) {
      const batch = this.nextBatch();
      if (!batch.length) return;
      this.batches++;
      this.work(batch)
        .catch((error) => this.onError(error, batch))
        .finally(() => {
          this.batches--;
          batch.forEach((key) => this.running.delete(key));
          this.pump();
          if (this.isIdle()) this.idleWaiters.splice(0).forEach((resolve) => resolve());
        });
    }
  }

  /** Takes the waiting keys no running batch holds, oldest first, up to a batch. */
  private nextBatch(): K[] {
    const batch: K[] = [];
    for (const key of this.waiting) {
      if (batch.length >= this.options.batchSize) break;
      if (this.running.has(key)) continue;
      batch.push(key);
    }
    for (const key of batch) {
      this.waiting.delete(key);
      this.running.add(key);
    }
    return batch;
  }
}
