import type { Logger } from '@nocobase/logger';
import type { InboxService } from '../inbox-service';
import { PeriodicJob } from './periodic-job';

/** How often due snoozes are looked for: a message comes back within this (well under the 5 s promised). */
export const SNOOZE_CHECK_MS = 1000;

/**
 * Wakes snoozed messages when their time comes. Every app node runs it; the database decides which node wakes each
 * message, so each is announced once. The due time is in the rows, so a restart misses nothing: the first round after
 * it wakes whatever fell due meanwhile.
 */
export class SnoozeJob extends PeriodicJob {
  constructor(
    private readonly inbox: InboxService,
    logger: Pick<Logger, 'error'>,
    intervalMs = SNOOZE_CHECK_MS,
  ) {
    super(intervalMs, logger, 'snooze wake-up');
  }

  protected work(now: Date): Promise<number> {
    return this.inbox.wakeDue(now);
  }
}
