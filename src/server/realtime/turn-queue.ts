/**
 * Runs jobs in order, each a sequence of small steps (one stream write each), at most `stepsPerTurn` steps per
 * turn of the event loop. A send to 10,000 streaming users then holds the loop for one slice at a time: other
 * requests run between slices, and each slice reaches the sockets when its turn ends (a response's writes are
 * corked until then), so the first clients read while the last are still being written.
 * A job that fits in what is left of the current turn runs at once, as if there were no queue.
 */
export class TurnQueue {
  private readonly jobs: Iterator<unknown>[] = [];
  /** A turn is running or scheduled: a job pushed meanwhile waits for it. */
  private busy = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly stepsPerTurn: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  push(job: Iterable<unknown>): void {
    this.jobs.push(job[Symbol.iterator]());
    if (!this.busy) this.turn();
  }

  /** Resolves once every job pushed so far has run to its end. */
  idle(): Promise<void> {
    if (!this.jobs.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private turn(): void {
    this.busy = true;
    let budget = this.stepsPerTurn;
    while (this.jobs.length && budget > 0) {
      const job = this.jobs[0];
      try {
        while (budget > 0 && !job.next().done) budget--;
        if (budget > 0) this.jobs.shift();
      } catch (error) {
        this.jobs.shift();
        this.onError(error);
      }
    }
    if (this.jobs.length) {
      setImmediate(() => this.turn());
      return;
    }
    this.busy = false;
    this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }
}
