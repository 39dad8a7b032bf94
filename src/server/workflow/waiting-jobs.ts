import type { Logger } from '@nocobase/logger';
import PluginWorkflowServer, { EXECUTION_STATUS, IJob, JOB_STATUS, JobModel } from '@nocobase/plugin-workflow';
import { INSTRUCTION_TYPE } from '../../shared/constants';
import type { InboxService } from '../services/inbox-service';
import type { NodeWait } from './node-config';
import { WAIT_META_KEY, WaitSpec, waitOutcome } from './wait-state';
import type { InboxChange, InboxMessage } from '../../shared/contract';

/** setTimeout's largest delay (~24.8 days): a longer timeout is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type JobRow = { id: string | number; status: number; result: Record<string, unknown> | null; meta: { [WAIT_META_KEY]?: WaitSpec } | null };

const specOf = (job: JobRow): WaitSpec | undefined => job.meta?.[WAIT_META_KEY];

/** Pure: the pending job the node leaves when it waits; its meta holds what it waits for. */
export function waitingJob(wait: NodeWait, messages: InboxMessage[], result: object, now = Date.now()): IJob {
  const spec: WaitSpec = {
    waitFor: wait.waitFor,
    waitMode: wait.waitMode,
    deadline: wait.timeoutSeconds > 0 ? new Date(now + wait.timeoutSeconds * 1000).toISOString() : null,
    messageIds: messages.map((m) => m.id),
    userIds: [...new Set(messages.map((m) => m.userId))],
  };
  return { status: JOB_STATUS.PENDING, result: { ...result, status: 'waiting', responses: [], readBy: [] }, meta: { [WAIT_META_KEY]: spec } };
}

/**
 * Resumes in-app message jobs that wait for their messages to be read or answered, or for their timeout.
 * Everything is read back from the database (the job's meta, the messages), so a restart only re-arms the
 * timers, and any app node may settle a job: the PENDING → RESOLVED update is conditional, the node whose
 * update wins is the one that resumes the execution, exactly once.
 */
export class WaitingJobs {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly workflow: PluginWorkflowServer,
    private readonly inbox: InboxService,
    private readonly log: Logger,
  ) {}

  private get jobs() {
    return this.workflow.db.getModel('jobs');
  }

  /** At start: every waiting job's timer, and a check (an answer may have come while this node was down). */
  readonly start = async () => {
    for (const job of await this.pending()) this.watch(job);
  };

  readonly stop = () => {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  };

  /** `jobs.afterBulkCreate`: the processor saves a node's new jobs together when it exits. */
  readonly onJobsCreated = (created: { get: (options: { plain: true }) => JobRow }[]) => {
    for (const model of created) {
      const job = model.get({ plain: true });
      if (job.status === JOB_STATUS.PENDING && specOf(job)) this.watch(job);
    }
  };

  /** An inbox change: a read or an answer may be what a job waits for. */
  readonly onInboxChange = (change: InboxChange) => {
    if (change.change !== 'read' && change.change !== 'responded') return;
    void this.checkUser(change.userId).catch((error) => this.log.warn(`waiting jobs not checked: ${error.message}`));
  };

  private watch(job: JobRow): void {
    this.arm(job);
    void this.check(job).catch((error) => this.log.warn(`waiting job ${job.id} not checked: ${error.message}`));
  }

  private arm(job: JobRow): void {
    const deadline = specOf(job)?.deadline;
    const key = String(job.id);
    if (!deadline || this.timers.has(key)) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      void this.reload(job.id)
        .then((fresh) => fresh && this.watch(fresh))
        .catch((error) => this.log.warn(`waiting job ${key} not checked: ${error.message}`));
    }, Math.min(Math.max(Date.parse(deadline) - Date.now(), 0), MAX_TIMER_MS));
    this.timers.set(key, timer);
  }

  /** Pending in-app message jobs of running executions (few: the ones waiting right now). */
  private async pending(where: object = {}): Promise<JobRow[]> {
    const rows = await this.jobs.findAll({
      where: { status: JOB_STATUS.PENDING, ...where },
      include: [
        { association: 'node', attributes: [], where: { type: INSTRUCTION_TYPE }, required: true },
        { association: 'execution', attributes: [], where: { status: EXECUTION_STATUS.STARTED }, required: true },
      ],
    });
    return rows.map((row) => row.get({ plain: true }) as JobRow).filter((job) => specOf(job));
  }

  private async reload(id: JobRow['id']): Promise<JobRow | undefined> {
    return (await this.pending({ id }))[0];
  }

  private async checkUser(userId: number): Promise<void> {
    for (const job of await this.pending()) {
      if (specOf(job)!.userIds.includes(userId)) await this.check(job);
    }
  }

  /** Settles the job when its condition holds or its time is up; else leaves it waiting. */
  async check(job: JobRow, now = Date.now()): Promise<void> {
    const spec = specOf(job)!;
    const outcome = waitOutcome(spec, await this.inbox.messagesById(spec.messageIds), now);
    if (outcome.status === 'waiting') return;
    const [settled] = await this.jobs.update(
      { status: JOB_STATUS.RESOLVED, result: { ...job.result, ...outcome } },
      { where: { id: job.id, status: JOB_STATUS.PENDING } },
    );
    if (!settled) return; // another node, or an earlier check, settled it
    clearTimeout(this.timers.get(String(job.id)));
    this.timers.delete(String(job.id));
    const fresh = await this.jobs.findByPk(job.id);
    if (fresh) await this.workflow.resume(fresh as JobModel);
  }
}
