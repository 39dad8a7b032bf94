import type { Database, Model } from '@nocobase/database';
import type { Logger } from '@nocobase/logger';
import type PluginNotificationManagerServer from '@nocobase/plugin-notification-manager';
import { UniqueConstraintError } from 'sequelize';
import type { Transaction } from 'sequelize';
import { COLLECTIONS, WORKFLOW_EXECUTION_PATH } from '../../shared/constants';
import type { InboxService } from '../services/inbox-service';
import { FailureAlertSetting, readAlertSetting } from './alert-setting';
import type { AlertSettingsStore } from './alert-settings-store';
import { FailedJob, Supervisor, alertContent, alertKind, byLanguage } from './alert-content';
import { AlertKind, AlertTexts, alertTexts } from './alert-texts';
import { LIMITS } from '../../shared/contract';

/** What the second channel needs of notification-manager. */
type NotificationSender = Pick<PluginNotificationManagerServer, 'send'>;

interface ExecutionLike {
  id: number | string;
  workflowId: number;
  status: number;
  /** why an aborted execution ended ("timeout", …) */
  reason?: string | null;
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
    private readonly logger: Logger,
    /** notification-manager, for the optional second channel */
    private readonly notifications: () => NotificationSender | undefined = () => undefined,
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
      const workflow: Model | null = await this.db.getRepository('workflows').findOne({ filterByTk: execution.workflowId });
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
    const job: Model | null = await this.db.getRepository('jobs').findOne({
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
      const supervisors: Model[] = await this.db.getRepository('users').find({
        filter: { 'roles.name': setting.roleName },
        fields: ['id', 'appLang'],
        transaction,
      });
      for (const [language, userIds] of byLanguage(supervisors.map((user) => user.toJSON() as Supervisor))) {
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
    const manager = this.notifications();
    if (!manager) return;
    for (const { userIds, title, content } of letters) {
      const result = await manager.send({
        channelName,
        triggerFrom: 'inbox-failure-alert',
        receivers: { type: 'userId', value: userIds },
        message: { title, content, subject: title, text: content, contentType: 'text' },
        data: {},
      });
      if (result.status !== 'success') {
        this.logger.warn(`failure alert not sent through channel "${channelName}": ${result.reason ?? 'unknown reason'}`);
      }
    }
  }
}
