/**
 * Runs `work(key)` for every key added, at most `concurrency` at a time, with the keys added in one tick
 * merged: a send to 10,000 users becomes one job per user, not one per event, and never floods the pool.
 * A key added while its job runs is run once more afterwards (the running job may have read older data),
 * never twice at the same time, so results of one key are delivered in order.
 */
export class CoalescingQueue<K> {
  private readonly waiting = new Set<K>();
  private readonly running = new Set<K>();
  private armed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly work: (key: K) => Promise<void>,
    private readonly concurrency: number,
    private readonly onError: (error: unknown, key: K) => void,
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
    return !this.waiting.size && !this.running.size && !this.armed;
  }

  private pump(): void {
    for (const key of this.waiting) {
      if (this.running.size >= this.concurrency) return;
      if (this.running.has(key)) continue;
      this.waiting.delete(key);
      this.running.add(key);
      this.work(key)
        .catch((error) => this.onError(error, key))
        .finally(() => {
          this.running.delete(key);
          this.pump();
          if (this.isIdle()) this.idleWaiters.splice(0).forEach((resolve) => resolve());
        });
    }
  }
}
