import type { Database, Model } from '@nocobase/database';
import { CHANNEL_TYPE, COLLECTIONS, WORKFLOW_ALERT_OPTION } from '../../shared/constants';
import { invalid, notFound } from '../services/errors';
import { FailureAlertSetting, readAlertSetting, withAlertSetting } from './alert-setting';

/** The inbox settings row (see SettingsStore). */
const SETTINGS_ID = 1;

/**
 * Reads and writes a workflow's failure alert in its `options`. A setting belongs to the workflow, not to
 * one version: it is written on every version sharing the workflow's key, so executions of an older
 * version still running are covered too.
 */
export class AlertSettingsStore {
  constructor(private readonly db: Database) {}

  async get(workflowId: string): Promise<FailureAlertSetting | null> {
    return readAlertSetting((await this.findWorkflow(workflowId)).get('options'));
  }

  async set(workflowId: string, setting: FailureAlertSetting | null): Promise<FailureAlertSetting | null> {
    const workflow = await this.findWorkflow(workflowId);
    if (setting) await this.checkTargets(setting);
    const Workflows = this.db.getModel('workflows');
    await this.db.sequelize.transaction(async (transaction) => {
      const versions = await Workflows.findAll({ where: { key: workflow.get('key') }, transaction });
      for (const version of versions) {
        // no hooks: saving a workflow re-registers its trigger, which an alert setting does not touch
        await Workflows.update(
          { options: withAlertSetting(version.get('options'), setting) },
          { where: { id: version.get('id') }, hooks: false, transaction },
        );
      }
    });
    return setting;
  }

  /** The alert of every workflow that has none of its own (in the inbox settings row). */
  async getDefault(): Promise<FailureAlertSetting | null> {
    const row = (await this.db.getModel(COLLECTIONS.settings).findByPk(SETTINGS_ID, { raw: true })) as { defaultAlert?: unknown } | null;
    const stored = typeof row?.defaultAlert === 'string' ? JSON.parse(row.defaultAlert) : row?.defaultAlert;
    return readAlertSetting({ [WORKFLOW_ALERT_OPTION]: stored });
  }

  async setDefault(setting: FailureAlertSetting | null): Promise<FailureAlertSetting | null> {
    if (setting) await this.checkTargets(setting);
    const Settings = this.db.getModel(COLLECTIONS.settings);
    const [updated] = await Settings.update({ defaultAlert: setting }, { where: { id: SETTINGS_ID }, hooks: false });
    if (!updated) await Settings.create({ id: SETTINGS_ID, defaultAlert: setting }, { hooks: false });
    return setting;
  }

  private async findWorkflow(workflowId: string): Promise<Model> {
    const workflow: Model | null = await this.db.getRepository('workflows').findOne({ filterByTk: workflowId });
    if (!workflow) throw notFound('filterByTk', `no workflow with id ${workflowId}`);
    return workflow;
  }

  private async checkTargets({ roleName, channelName, alsoChannelName }: FailureAlertSetting): Promise<void> {
    if (alsoChannelName) {
      const also = await this.db.getRepository('notificationChannels').findOne({ filter: { name: alsoChannelName } });
      if (!also) throw invalid('alsoChannelName', `no channel named "${alsoChannelName}"`);
    }
    const role = await this.db.getRepository('roles').findOne({ filterByTk: roleName });
    if (!role) throw invalid('roleName', `no role named "${roleName}"`);
    const channel = await this.db
      .getRepository('notificationChannels')
      .findOne({ filter: { name: channelName, notificationType: CHANNEL_TYPE } });
    if (!channel) throw invalid('channelName', `no in-app message channel named "${channelName}"`);
  }
}
