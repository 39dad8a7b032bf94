/** A job every app node runs at start and then every `intervalMs`, on a timer that never keeps the process alive. */
export abstract class PeriodicJob {
  private timer?: NodeJS.Timeout;
  /** The round under way: a tick meanwhile is skipped, so rounds never pile up behind a slow database. */
  private round?: Promise<number>;

  protected constructor(private readonly intervalMs: number) {}

  /** One round; answers how many rows it handled and never throws (it logs instead). */
  abstract run(): Promise<number>;

  start(): void {
    this.clearTimer();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
    this.tick();
  }

  /** Stops the timer and waits for the round under way: the app closes its database only after it. */
  async stop(): Promise<void> {
    this.clearTimer();
    await this.round;
  }

  private tick(): void {
    this.round ??= this.run().finally(() => (this.round = undefined));
  }

  private clearTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
