import type { Logger } from '@nocobase/logger';

/** A job every app node runs at start and then every `intervalMs`, on a timer that never keeps the process alive. */
export abstract class PeriodicJob {
  private timer?: NodeJS.Timeout;
  /** The round under way: a tick meanwhile is skipped, so rounds never pile up behind a slow database. */
  private round?: Promise<number>;

  /** `what` names the job in the error a failed round logs. */
  protected constructor(
    private readonly intervalMs: number,
    private readonly logger: Pick<Logger, 'error'>,
    private readonly what: string,
  ) {}

  /** One round's work at `now`; answers how many rows it handled. */
  protected abstract work(now: Date): Promise<number>;

  /** One round; never throws: a failure is logged and the next round tries again. */
  async run(now = new Date()): Promise<number> {
    try {
      return await this.work(now);
    } catch (error) {
      this.logger.error(`inbox ${this.what} failed: ${(error as Error).message}`);
      return 0;
    }
  }

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

/** A job whose round is one call (`round`), with no state of its own. */
export class RoundJob extends PeriodicJob {
  constructor(
    intervalMs: number,
    logger: Pick<Logger, 'error'>,
    what: string,
    private readonly oneRound: (now: Date) => Promise<number>,
  ) {
    super(intervalMs, logger, what);
  }

  protected work(now: Date): Promise<number> {
    return this.oneRound(now);
  }
}
