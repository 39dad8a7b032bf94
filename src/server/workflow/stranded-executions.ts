import type { Logger } from '@nocobase/logger';
import type { Application } from '@nocobase/server';
import type PluginWorkflowServer from '@nocobase/plugin-workflow';
import { PeriodicJob } from '../services/jobs/periodic-job';
import { toIso } from '../services/store/serialize';

/** How often the newest executions are looked at: a stranded one is handed back within this and STRANDED_AFTER_MS. */
export const STRANDED_CHECK_MS = 2000;
/** A queued execution the engine has not entered this long after its creation is taken as stranded. */
export const STRANDED_AFTER_MS = 3000;
/** Executions a round reads, newest first through the primary key: the same small read whatever the table's size. */
const NEWEST = 50;
/**
 * An execution handed back is handed back again only after this. One still queued meanwhile is most likely waiting
 * its turn behind a long execution (its task is queued already), and a second task for it would only be skipped.
 */
const HAND_BACK_AGAIN_MS = 60_000;
/** The engine's own number of tries for a queued task. */
const TASK_RETRIES = 2;

/** An execution row as read raw: flags as booleans or 0/1, times as dates or text. */
export interface ExecutionRow {
  id: number | string;
  workflowId: number | string;
  dispatched: boolean | number | null;
  status: number | null;
  startedAt: unknown;
  createdAt: unknown;
}

/**
 * Pure: the ids of the executions in `rows` the engine never entered (not dispatched, no status, not started),
 * created at least `olderThanMs` before `now`, of a workflow `enabled` says is on (the engine's own recovery skips
 * the others).
 */
export function strandedAmong(rows: ExecutionRow[], now: number, olderThanMs: number, enabled: (workflowId: number) => boolean): number[] {
  return rows
    .filter((row) => !row.dispatched && row.status === null && !row.startedAt && enabled(Number(row.workflowId)))
    .filter((row) => {
      const created = toIso(row.createdAt);
      return created !== null && now - Date.parse(created) >= olderThanMs;
    })
    .map((row) => Number(row.id));
}

/**
 * SQLite only: hands the workflow engine back the executions it dropped. The engine enters an execution in a
 * transaction that reads the row and then updates it; when another connection holds the file's write lock at that
 * moment (a user marking messages read, any NocoBase write), SQLite refuses the upgrade at once and the engine logs
 * "entering execution failed: SQLITE_BUSY" and leaves the execution queued. Its own recovery picks it up only every
 * 5 minutes, so a workflow's in-app message could come minutes late. This job finds such executions among the newest
 * and publishes their task again, as the engine's recovery would, within a few seconds.
 */
export class StrandedExecutionsJob extends PeriodicJob {
  /** ids handed back, with when: each at most once per HAND_BACK_AGAIN_MS */
  private readonly handedBack = new Map<number, number>();

  constructor(
    private readonly app: Application,
    private readonly workflow: PluginWorkflowServer,
    logger: Pick<Logger, 'error'>,
    intervalMs = STRANDED_CHECK_MS,
  ) {
    super(intervalMs, logger, 'stranded workflow executions check');
  }

  protected async work(at: Date): Promise<number> {
    if (!this.workflow.serving()) return 0;
    const now = at.getTime();
    const rows = (await this.app.db.getModel('executions').findAll({
      attributes: ['id', 'workflowId', 'dispatched', 'status', 'startedAt', 'createdAt'],
      order: [['id', 'DESC']],
      limit: NEWEST,
      raw: true,
    })) as unknown as ExecutionRow[];
    const stranded = strandedAmong(rows, now, STRANDED_AFTER_MS, (id) => this.workflow.enabledCache.has(id));
    this.forgetOlderThan(now - HAND_BACK_AGAIN_MS);
    const due = stranded.filter((id) => !this.handedBack.has(id));
    for (const id of due) {
      this.handedBack.set(id, now);
      this.workflow.getLogger('dispatcher').info(`inbox: queued execution (${id}) was never entered, publishing its task again`);
      await this.app.eventQueue.publish(this.workflow.channelPendingExecution, { executionId: id }, { maxRetries: TASK_RETRIES });
    }
    return due.length;
  }

  private forgetOlderThan(time: number): void {
    for (const [id, at] of this.handedBack) if (at < time) this.handedBack.delete(id);
  }
}
