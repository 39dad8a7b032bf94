import PluginWorkflowServer, { FlowNodeModel, IJob, Instruction, JOB_STATUS, JobModel, Processor } from '@nocobase/plugin-workflow';
import type { Transaction } from 'sequelize';
import type { MessageForm } from '../channel/to-message-input';
import { InboxError } from '../services/errors';
import type { InboxService } from '../services/inbox-service';
import { InAppMessageNodeConfig, checkNodeConfig, nodeConfigSchema, nodeWait } from './node-config';
import { resolveMessage } from './resolve-message';
import { writeSendLog } from './send-log';
import { waitingJob } from './waiting-jobs';
import { droppedReason } from '../../shared/channel-settings';
import type { InboxMessage } from '../../shared/contract';

/** A job result keeps at most this many receiver ids: a fan-out to a whole role must not bloat `jobs`. */
const RESULT_MAX_USER_IDS = 1000;

/** What a downstream node can read from this node's job. */
export interface InAppMessageJobResult {
  sent: number;
  /** ids of the receivers, ascending, the first RESULT_MAX_USER_IDS of them */
  userIds: number[];
  /** why nothing was sent (the job failed, or resolved with "ignore failure") */
  error?: string;
}

const sentResult = (messages: InboxMessage[]): InAppMessageJobResult => ({
  sent: messages.length,
  userIds: messages.slice(0, RESULT_MAX_USER_IDS).map((m) => m.userId),
});

/**
 * The `in-app-message` workflow node: resolves its config against the execution's scope and sends through
 * the same service as the channel type. An InboxError (a config or data problem the designer can fix)
 * fails the job with its reason, or resolves it when "ignore failure" is on; anything else is left to the
 * processor, which marks the job as an error.
 */
export class InAppMessageInstruction extends Instruction {
  constructor(
    workflow: PluginWorkflowServer,
    private readonly inbox: InboxService,
  ) {
    super(workflow);
  }

  /** Checked by plugin-workflow when the designer saves the node (`validateConfig`), and here when it runs. */
  configSchema = nodeConfigSchema;

  async run(node: FlowNodeModel, _input: unknown, processor: Processor): Promise<IJob> {
    const { ignoreFail, ...config } = (node.config ?? {}) as InAppMessageNodeConfig;
    const transaction = this.transactionOf(node, processor);
    let message: MessageForm = config;
    try {
      const wait = nodeWait(checkNodeConfig(config));
      message = resolveMessage(config, (value) => processor.getParsedValue(value, node.id));
      const { messages, dropped } = await this.inbox.sendReport(message, { transaction });
      const sent = { channelName: message.channelName, message, receiversCount: messages.length };
      const reason = dropped ? droppedReason(dropped) : undefined;
      await writeSendLog(this.workflow.app.db, { ...sent, status: 'success', reason }, transaction);
      // waiting: the job stays pending; WaitingJobs resolves it on a read, an answer or the timeout
      return wait ? waitingJob(wait, messages, sentResult(messages)) : { status: JOB_STATUS.RESOLVED, result: sentResult(messages) };
    } catch (error) {
      if (!(error instanceof InboxError)) throw error;
      processor.logger.warn(`in-app message node (#${node.id}) sent nothing: ${error.message}`);
      const failed = { channelName: message.channelName, message, receiversCount: 0, reason: error.message };
      await writeSendLog(this.workflow.app.db, { ...failed, status: 'failure' }, transaction);
      const result: InAppMessageJobResult = { sent: 0, userIds: [], error: error.message };
      return { status: ignoreFail ? JOB_STATUS.RESOLVED : JOB_STATUS.FAILED, result };
    }
  }

  /** A waiting job comes back already settled (status and result written by WaitingJobs): the execution goes on. */
  async resume(_node: FlowNodeModel, job: JobModel): Promise<JobModel> {
    return job;
  }

  /**
   * The transaction the workflow runs in (a synchronous workflow inside the triggering request, or a
   * transaction scope around this node), when it is the main database's: messages then exist, and are
   * announced, only if it commits.
   */
  private transactionOf(node: FlowNodeModel, processor: Processor): Transaction | undefined {
    const scoped = processor.getScopeTransaction(node, 'main');
    return (scoped ?? this.workflow.useDataSourceTransaction('main', processor.transaction)) || undefined;
  }
}
