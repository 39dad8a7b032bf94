import type { Model } from '@nocobase/database';
import { WORKFLOW_ALERT_OPTION } from '../../shared/constants';

type Options = Record<string, unknown>;

/**
 * plugin-workflow's edit drawer saves `options` with only the fields it shows, so renaming a workflow there would
 * drop the failure alert kept beside them. A save whose options leave the key out carries the stored alert over;
 * only our own action, which writes without hooks, changes or removes it.
 */
export function keepAlertOnEdit(workflow: Model): void {
  if (!workflow.changed('options')) return;
  const before = (workflow.previous('options') ?? {}) as Options;
  const after = (workflow.get('options') ?? {}) as Options;
  if (before[WORKFLOW_ALERT_OPTION] === undefined || WORKFLOW_ALERT_OPTION in after) return;
  workflow.set('options', { ...after, [WORKFLOW_ALERT_OPTION]: before[WORKFLOW_ALERT_OPTION] });
}
