import { RESOURCES } from '../../constants';
import { userAction } from '../actions/handle';
import type { Params } from '../actions/params';
import { invalid } from '../services/errors';
import { checkAlertSetting } from './alert-setting';
import type { AlertSettingsStore } from './alert-settings-store';

/** Workflow ids are snowflake ids: digits, kept as text so none loses precision. */
function workflowIdParam(params: Params): string {
  const value = String(params.filterByTk ?? '').trim();
  if (!/^\d{1,20}$/.test(value)) throw invalid('filterByTk', 'must be a workflow id');
  return value;
}

const answer = (setting: { roleName: string; channelName: string } | null) => ({
  roleName: setting?.roleName ?? null,
  channelName: setting?.channelName ?? null,
});

/**
 * A workflow's failure alert, for admins (ACL grants it through the plugin's snippet):
 * `inboxWorkflowAlerts:get?filterByTk=<workflow id>` → `{ roleName, channelName }` (nulls when off);
 * `inboxWorkflowAlerts:set?filterByTk=<workflow id>` with `values: { roleName, channelName }`, both empty to turn it off.
 */
export const inboxWorkflowAlerts = (store: AlertSettingsStore) => ({
  name: RESOURCES.workflowAlerts,
  actions: {
    get: userAction(async (params) => answer(await store.get(workflowIdParam(params)))),
    set: userAction(async (params) =>
      answer(await store.set(workflowIdParam(params), checkAlertSetting(params.values))),
    ),
  },
});
