/** A job every app node runs at start and then every `intervalMs`, on a timer that never keeps the process alive. */
export abstract class PeriodicJob {
  private timer?: NodeJS.Timeout;

  protected constructor(private readonly intervalMs: number) {}

  /** One round; answers how many rows it handled and never throws (it logs instead). */
  abstract run(): Promise<number>;

  start(): void {
    this.stop();
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
    void this.run();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
