import type { Database } from '@nocobase/database';
import { EXECUTION_REASON, EXECUTION_STATUS } from '@nocobase/plugin-workflow';
import { UniqueConstraintError } from 'sequelize';
import type { Transaction } from 'sequelize';
import { COLLECTIONS, WORKFLOW_EXECUTION_PATH } from '../../shared/constants';
import type { InboxService } from '../services/inbox-service';
import { FailureAlertSetting, readAlertSetting } from './alert-setting';
import type { AlertSettingsStore } from './alert-settings-store';
import { AlertKind, AlertTexts, DEFAULT_ALERT_LANGUAGE, alertTexts, fill } from './alert-texts';
import { LIMITS } from '../../shared/contract';

const REASON_MAX_CHARS = 500;

type Log = { warn: (message: string) => void };

/** What the second channel needs of notification-manager. */
interface NotificationSender {
  send(options: Record<string, unknown>): Promise<{ status: string; reason?: string } | undefined>;
}

interface ExecutionLike {
  id: number | string;
  workflowId: number;
  status: number;
  /** why an aborted execution ended ("timeout", …) */
  reason?: string | null;
}

interface FailedJob {
  result?: unknown;
  node?: { title?: string | null; type?: string } | null;
}

/**
 * Pure: what a supervisor is told about, or null: failed, error, aborted (a timed-out execution is aborted with
 * reason "timeout"). Success, cancellation and rejection are not failures.
 */
export function alertKind(execution: Pick<ExecutionLike, 'status' | 'reason'>): AlertKind | null {
  switch (execution.status) {
    case EXECUTION_STATUS.FAILED:
      return 'failed';
    case EXECUTION_STATUS.ERROR:
      return 'error';
    case EXECUTION_STATUS.ABORTED:
      return execution.reason === EXECUTION_REASON.TIMEOUT ? 'timeout' : 'aborted';
    default:
      return null;
  }
}

/** Pure: the message a failed job left, whatever shape its instruction gave the result. */
export function failureReason(result: unknown): string | null {
  if (typeof result === 'string') return result;
  const record = (result ?? {}) as Record<string, unknown>;
  const reason = [record.message, record.error, record.reason].find((value) => typeof value === 'string' && value);
  return (reason as string | undefined) ?? null;
}

/** Pure: the alert's markdown body in one language: what happened, and where when the failing node is known. */
export function alertContent(texts: AlertTexts, executionId: string, kind: AlertKind, job: FailedJob | null): string {
  const lines = [fill(texts[kind], { id: executionId })];
  const node = job?.node?.title || job?.node?.type;
  const reason = (job ? failureReason(job.result) : null)?.slice(0, REASON_MAX_CHARS) ?? texts.noReason;
  if (node) lines.push(fill(texts.node, { node, reason }));
  else if (job) lines.push(fill(texts.reason, { reason }));
  return lines.join('\n\n');
}

/** Pure: user ids by the language their alert is written in. */
export function byLanguage(users: { id: unknown; appLang?: unknown }[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const user of users) {
    const language = typeof user.appLang === 'string' && user.appLang ? user.appLang : DEFAULT_ALERT_LANGUAGE;
    groups.set(language, [...(groups.get(language) ?? []), Number(user.id)]);
  }
  return groups;
}

/**
 * Tells a workflow's supervisors (a role, set in the workflow's options, else the default alert) when one of its
 * executions fails, errs or is aborted: one `error` message each, in the supervisor's language, titled with the
 * workflow's name, linking to the execution's page. The marker row written with the messages keeps it to one
 * alert per execution.
 */
export class FailureAlerts {
  constructor(
    private readonly db: Database,
    private readonly inbox: InboxService,
    private readonly settings: AlertSettingsStore,
    private readonly logger: Log,
    /** notification-manager, for the optional second channel */
    private readonly notifications: () => unknown = () => undefined,
  ) {}

  /** `executions.afterUpdate` hook: the engine ends an execution by updating its status. */
  readonly onExecutionUpdated = async (execution: ExecutionLike, options: { transaction?: Transaction } = {}) => {
    if (!alertKind(execution)) return;
    const run = () => this.alert(execution);
    if (options.transaction) options.transaction.afterCommit(run);
    else await run();
  };

  /** Never throws: an alert that cannot be sent is logged, it must not change how the execution ends. */
  private async alert(execution: ExecutionLike): Promise<void> {
    const executionId = String(execution.id);
    try {
      const workflow = await this.db.getRepository('workflows').findOne({ filterByTk: execution.workflowId });
      if (!workflow) return;
      const setting = readAlertSetting(workflow.get('options')) ?? (await this.settings.getDefault());
      if (!setting) return;
      const job = await this.failedJob(executionId);
      const kind = alertKind(execution) as AlertKind;
      await this.sendOnce(executionId, execution.workflowId, setting, {
        title: String(workflow.get('title') || `Workflow #${execution.workflowId}`).slice(0, LIMITS.titleChars),
        content: (texts) => alertContent(texts, executionId, kind, job),
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
    message: { title: string; content: (texts: AlertTexts) => string },
  ): Promise<void> {
    const transaction = await this.db.sequelize.transaction();
    const letters: { userIds: number[]; title: string; content: string }[] = [];
    try {
      await this.db.getModel(COLLECTIONS.executionAlerts).create({ executionId, workflowId }, { transaction });
      const supervisors = await this.db.getRepository('users').find({
        filter: { 'roles.name': setting.roleName },
        fields: ['id', 'appLang'],
        transaction,
      });
      for (const [language, userIds] of byLanguage(supervisors.map((user: any) => user.toJSON()))) {
        const letter = { userIds, title: message.title, content: message.content(alertTexts(language)) };
        await this.inbox.send(
          {
            title: letter.title,
            content: letter.content,
            channelName: setting.channelName,
            receivers: userIds,
            level: 'error',
            url: `${WORKFLOW_EXECUTION_PATH}${executionId}`,
          },
          { transaction },
        );
        letters.push(letter);
      }
      await transaction.commit();
    } catch (error) {
      await transaction.rollback();
      if (!(error instanceof UniqueConstraintError)) throw error;
      return;
    }
    if (setting.alsoChannelName) await this.sendAlso(setting.alsoChannelName, letters);
  }

  /**
   * The same alert through a second Notification Manager channel (an email, say), once the inbox alert is
   * committed: `title`/`content` for channels like ours, `subject`/`text` for email; it writes that channel's send
   * log. Best effort: a channel that fails is logged, the inbox alert stays.
   */
  private async sendAlso(channelName: string, letters: { userIds: number[]; title: string; content: string }[]) {
    const manager = this.notifications() as NotificationSender | undefined;
    if (!manager) return;
    for (const { userIds, title, content } of letters) {
      const result = await manager.send({
        channelName,
        triggerFrom: 'inbox-failure-alert',
        receivers: { type: 'userId', value: userIds },
        message: { title, content, subject: title, text: content, contentType: 'text' },
        data: {},
      });
      if (result?.status !== 'success') {
        this.logger.warn(`failure alert not sent through channel "${channelName}": ${result?.reason ?? 'unknown reason'}`);
      }
    }
  }
}
