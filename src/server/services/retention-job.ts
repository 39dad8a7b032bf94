import type { Logger } from '@nocobase/logger';
import type { InboxService } from './inbox-service';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Runs the retention purge once at start and then daily; idempotent, so every app node may run it. */
export class RetentionJob {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly inbox: InboxService,
    private readonly logger: Pick<Logger, 'info' | 'error'>,
    private readonly intervalMs = DAY_MS,
  ) {}

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

  async run(now = new Date()): Promise<number> {
    try {
      const deleted = await this.inbox.purgeExpired(now);
      if (deleted) this.logger.info(`inbox retention deleted ${deleted} read messages`);
      return deleted;
    } catch (error) {
      this.logger.error(`inbox retention failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
