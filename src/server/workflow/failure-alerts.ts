import type { Database } from '@nocobase/database';
import { EXECUTION_STATUS } from '@nocobase/plugin-workflow';
import { UniqueConstraintError } from 'sequelize';
import type { Transaction } from 'sequelize';
import { COLLECTIONS, LIMITS, WORKFLOW_EXECUTION_PATH } from '../../constants';
import type { InboxService } from '../services/inbox-service';
import { FailureAlertSetting, readAlertSetting } from './alert-setting';

/** Execution statuses a supervisor is told about; success, cancellation and rejection are not failures. */
const ALERTED_STATUSES = new Map<number, string>([
  [EXECUTION_STATUS.FAILED, 'failed'],
  [EXECUTION_STATUS.ERROR, 'ended with an error'],
]);

const REASON_MAX_CHARS = 500;

type Log = { warn: (message: string) => void };

interface ExecutionLike {
  id: number | string;
  workflowId: number;
  status: number;
}

interface FailedJob {
  result?: unknown;
  node?: { title?: string | null; type?: string } | null;
}

/** Pure: the message a failed job left, whatever shape its instruction gave the result. */
export function failureReason(result: unknown): string | null {
  if (typeof result === 'string') return result;
  const record = (result ?? {}) as Record<string, unknown>;
  const reason = [record.message, record.error, record.reason].find((value) => typeof value === 'string' && value);
  return (reason as string | undefined) ?? null;
}

/** Pure: the alert's markdown body: what happened, and where when the failing node is known. */
export function alertContent(executionId: string, status: string, job: FailedJob | null): string {
  const lines = [`Execution #${executionId} ${status}.`];
  const node = job?.node?.title || job?.node?.type;
  const reason = job ? failureReason(job.result) : null;
  if (node || reason) {
    const where = node ? `Node “${node}”` : 'Reason';
    lines.push(`${where}: ${(reason ?? 'no reason given').slice(0, REASON_MAX_CHARS)}`);
  }
  return lines.join('\n\n');
}

/**
 * Tells a workflow's supervisors (a role, set in the workflow's options) when one of its executions ends
 * in failure or error: one `error` message each, titled with the workflow's name, linking to the
 * execution's page. The marker row written with the messages keeps it to one alert per execution.
 */
export class FailureAlerts {
  constructor(
    private readonly db: Database,
    private readonly inbox: InboxService,
    private readonly logger: Log,
  ) {}

  /** `executions.afterUpdate` hook: the engine ends an execution by updating its status. */
  readonly onExecutionUpdated = async (execution: ExecutionLike, options: { transaction?: Transaction } = {}) => {
    if (!ALERTED_STATUSES.has(execution.status)) return;
    const run = () => this.alert(execution);
    if (options.transaction) options.transaction.afterCommit(run);
    else await run();
  };

  /** Never throws: an alert that cannot be sent is logged, it must not change how the execution ends. */
  private async alert(execution: ExecutionLike): Promise<void> {
    const executionId = String(execution.id);
    try {
      const workflow = await this.db.getRepository('workflows').findOne({ filterByTk: execution.workflowId });
      const setting = readAlertSetting(workflow?.get('options'));
      if (!workflow || !setting) return;
      const job = await this.failedJob(executionId);
      const status = ALERTED_STATUSES.get(execution.status) as string;
      await this.sendOnce(executionId, execution.workflowId, setting, {
        title: String(workflow.get('title') || `Workflow #${execution.workflowId}`).slice(0, LIMITS.titleChars),
        content: alertContent(executionId, status, job),
      });
    } catch (error) {
      this.logger.warn(`failure alert for execution ${executionId} not sent: ${(error as Error).message}`);
    }
  }

  private async failedJob(executionId: string): Promise<FailedJob | null> {
    const job = await this.db.getRepository('jobs').findOne({
      filter: { executionId, status: { $lt: 0 } },
      sort: ['-id'],
      appends: ['node'],
    });
    return job ? (job.toJSON() as FailedJob) : null;
  }

  private async sendOnce(
    executionId: string,
    workflowId: number,
    setting: FailureAlertSetting,
    message: { title: string; content: string },
  ): Promise<void> {
    const transaction = await this.db.sequelize.transaction();
    try {
      await this.db.getModel(COLLECTIONS.executionAlerts).create({ executionId, workflowId }, { transaction });
      await this.inbox.send(
        {
          ...message,
          channelName: setting.channelName,
          receivers: [{ role: setting.roleName }],
          level: 'error',
          url: `${WORKFLOW_EXECUTION_PATH}${executionId}`,
        },
        { transaction },
      );
      await transaction.commit();
    } catch (error) {
      await transaction.rollback();
      if (!(error instanceof UniqueConstraintError)) throw error;
    }
  }
}
