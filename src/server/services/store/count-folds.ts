import type { Logger } from '@nocobase/logger';
import { setTimeout as sleep } from 'timers/promises';
import type { Counters } from './counters';
import type { Transactions } from './transactions';

/**
 * How long a fold waits after the send that started it: the sender's own work after the send (notification-manager
 * writes its log) is done first, and a burst of sends (a workflow looping over records) is folded in one round.
 */
export const FOLD_DELAY_MS = 20;
/** How often every node looks for sends left unfolded (by a crash, or a fold that failed). */
export const COUNT_FOLD_CHECK_MS = 10_000;

/**
 * Folds pending sends into the counters (Counters.foldOne), each in a short transaction of its own: right after a
 * send commits, on the node that sent it (`kick`), and for what a crash or a failure left, in every node's periodic
 * round (`foldAll`). Counts are exact before and after a fold; folding only keeps what reads add up small.
 */
export class CountFolds {
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly counters: Counters,
    private readonly transactions: Transactions,
    private readonly logger: Pick<Logger, 'error'>,
  ) {}

  /** Starts folding whatever is pending; a round under way folds the new send too, once it is through the rest. */
  kick(): void {
    if (!this.counters.defers) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => (this.running = undefined));
  }

  /** Resolves once no fold that `kick` started is under way (the app waits for it before closing the database). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Folds pending sends until none is left that another fold does not hold; answers how many. */
  async foldAll(): Promise<number> {
    let folded = 0;
    if (!this.counters.defers) return folded;
    const fold = () => this.transactions.write(undefined, (t) => this.counters.foldOne(t), () => undefined, { readCommitted: true });
    while (await fold()) folded++;
    return folded;
  }

  private async drain(): Promise<void> {
    await sleep(FOLD_DELAY_MS);
    do {
      this.again = false;
      try {
        await this.foldAll();
      } catch (error) {
        // left pending: counts stay exact, and the periodic round folds it
        this.logger.error(`inbox counts fold failed: ${(error as Error).message}`);
        return;
      }
    } while (this.again);
  }
}
