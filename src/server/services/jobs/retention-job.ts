import type { Logger } from '@nocobase/logger';
import type { InboxService } from '../inbox-service';
import { PeriodicJob } from './periodic-job';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Runs the retention purge once at start and then daily; idempotent, so every app node may run it. */
export class RetentionJob extends PeriodicJob {
  constructor(
    private readonly inbox: InboxService,
    private readonly log: Pick<Logger, 'info' | 'error'>,
    intervalMs = DAY_MS,
  ) {
    super(intervalMs, log, 'retention');
  }

  protected async work(now: Date): Promise<number> {
    const deleted = await this.inbox.purgeExpired(now);
    if (deleted) this.log.info(`inbox retention deleted ${deleted} read messages`);
    return deleted;
  }
}
