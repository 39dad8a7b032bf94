import type { Logger } from '@nocobase/logger';
import type { InboxService } from '../inbox-service';
import { PeriodicJob } from './periodic-job';

/** How often every node looks for sends left unfolded (by a crash, or a fold that failed). */
export const COUNT_FOLD_CHECK_MS = 10_000;

/** Folds into the counters the pending sends no node folded right after sending them (see CountFolds). */
export class CountFoldJob extends PeriodicJob {
  constructor(
    private readonly inbox: InboxService,
    logger: Pick<Logger, 'error'>,
    intervalMs = COUNT_FOLD_CHECK_MS,
  ) {
    super(intervalMs, logger, 'counts fold');
  }

  protected work(): Promise<number> {
    return this.inbox.foldPendingCounts();
  }
}
