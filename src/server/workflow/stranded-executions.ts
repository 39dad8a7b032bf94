import type { Logger } from '@nocobase/logger';
import { Op } from 'sequelize';
import type { Application } from '@nocobase/server';
import type PluginWorkflowServer from '@nocobase/plugin-workflow';
import { PeriodicJob } from '../services/jobs/periodic-job';
import { toIso } from '../services/store/serialize';

/** How often the newest executions are looked at: a stranded one is handed back within this and STRANDED_AFTER_MS. */
export const STRANDED_CHECK_MS = 2000;
/** A queued execution the engine has not entered this long after its creation is taken as stranded. */
export const STRANDED_AFTER_MS = 3000;
/**
 * How far back a round looks, as the newest execution id it noted that long ago: executions since then are read
 * through the primary key (a few hundred rows on a busy app). Older ones are the engine's own recovery's.
 */
const LOOK_BACK_MS = 120_000;
/** Queued executions a round takes at most; the next round takes the rest. */
const PER_ROUND = 100;
/**
 * An execution handed back is handed back again only after this. One still queued meanwhile is most likely waiting
 * its turn behind a long execution (its task is queued already), and a second task for it would only be skipped.
 */
export const HAND_BACK_AGAIN_MS = 60_000;
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
 * 5 minutes, so a workflow's in-app message could come minutes late. This job finds such executions among those
 * created since it started (up to two minutes back) and publishes their task again, as the engine's recovery would,
 * within a few seconds.
 */
export class StrandedExecutionsJob extends PeriodicJob {
  /** ids handed back, with when: each at most once per HAND_BACK_AGAIN_MS */
  private readonly handedBack = new Map<number, number>();
  /** the newest execution id at each round, oldest first: where a round's look back starts */
  private readonly marks: { at: number; newestId: number }[] = [];

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
    const executions = this.app.db.getModel('executions');
    const newestId = Number((await executions.max('id')) ?? 0);
    // at the first round the engine's start-up recovery has just taken every queued execution: none older is ours
    if (!this.marks.length) this.marks.push({ at: -Infinity, newestId });
    const rows = (await executions.findAll({
      attributes: ['id', 'workflowId', 'dispatched', 'status', 'startedAt', 'createdAt'],
      where: { id: { [Op.gt]: this.lookBackFrom(now) }, dispatched: false, status: null, startedAt: null },
      order: [['id', 'ASC']],
      limit: PER_ROUND,
      raw: true,
    })) as unknown as ExecutionRow[];
    this.marks.push({ at: now, newestId });
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

  /** The newest id noted LOOK_BACK_MS ago or before (marks older than that one are dropped). */
  private lookBackFrom(now: number): number {
    const since = now - LOOK_BACK_MS;
    while (this.marks.length > 1 && this.marks[1].at <= since) this.marks.shift();
    return this.marks[0].newestId;
  }

  private forgetOlderThan(time: number): void {
    for (const [id, at] of this.handedBack) if (at < time) this.handedBack.delete(id);
  }
}
