import type { Logger } from '@nocobase/logger';
import type { Application } from '@nocobase/server';
import type PluginNotificationManagerServer from '@nocobase/plugin-notification-manager';
import type PluginWorkflowServer from '@nocobase/plugin-workflow';
import { INSTRUCTION_TYPE } from '../../shared/constants';
import type { InboxService } from '../services/inbox-service';
import { AlertSettingsStore } from './alert-settings-store';
import { FailureAlerts } from './failure-alerts';
import { InAppMessageInstruction } from './in-app-message-instruction';
import { StrandedExecutionsJob } from './stranded-executions';
import { keepAlertOnEdit } from './keep-alert-on-edit';
import { inboxWorkflowTests } from './test-send';
import { WaitingJobs } from './waiting-jobs';
import { inboxWorkflowAlerts } from './workflow-alerts-action';

export interface WorkflowSetupOptions {
  /** SQLite: how often executions the engine dropped are looked for (ms); 0 turns the check off */
  strandedCheckMs?: number;
}

/**
 * The inbox's side of plugin-workflow: the `in-app-message` node and its jobs waiting for a read or an answer,
 * failure alerts to a workflow's supervisors and the action that sets them, and on SQLite the hand-back of executions
 * the engine dropped. (Their marker collection, inboxExecutionAlerts, is with the others in collections/, so enabling
 * plugin-workflow later finds its table.)
 */
export function setupWorkflow(
  app: Application,
  inbox: InboxService,
  log: Logger,
  options: WorkflowSetupOptions = {},
): WaitingJobs | undefined {
  // by name, as for notification-manager: a class lookup misses when plugins load through a symlink
  const workflow = app.pm.get('workflow') as PluginWorkflowServer | undefined;
  if (!workflow) return undefined;
  workflow.registerInstruction(INSTRUCTION_TYPE, new InAppMessageInstruction(workflow, inbox));
  const waiting = new WaitingJobs(workflow, inbox, log);
  app.db.on('jobs.afterBulkCreate', waiting.onJobsCreated);
  inbox.events.on('changed', waiting.onInboxChange);
  const alertSettings = new AlertSettingsStore(app.db);
  const notifications = () => app.pm.get('notification-manager') as PluginNotificationManagerServer | undefined;
  const alerts = new FailureAlerts(app.db, inbox, alertSettings, log, notifications);
  app.db.on('executions.afterUpdate', alerts.onExecutionUpdated);
  app.db.on('workflows.beforeUpdate', keepAlertOnEdit);
  app.resourceManager.define(inboxWorkflowAlerts(alertSettings));
  app.resourceManager.define(inboxWorkflowTests(inbox));
  const stranded = strandedExecutionsJob(app, workflow, log, options.strandedCheckMs);
  app.on('afterStart', async () => {
    stranded?.start();
    await waiting.start();
  });
  app.on('beforeStop', async () => {
    await stranded?.stop();
    await waiting.stop();
  });
  return waiting;
}

/** SQLite only (elsewhere the engine's entry waits for the lock or retries); none when `intervalMs` is 0. */
function strandedExecutionsJob(app: Application, workflow: PluginWorkflowServer, log: Logger, intervalMs?: number) {
  if (app.db.sequelize.getDialect() !== 'sqlite' || intervalMs === 0) return undefined;
  return new StrandedExecutionsJob(app, workflow, log, intervalMs);
}
