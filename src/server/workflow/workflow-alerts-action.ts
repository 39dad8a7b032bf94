import { RESOURCES } from '../../shared/constants';
import { userAction } from '../actions/handle';
import type { Params } from '../actions/params';
import { invalid } from '../services/errors';
import { FailureAlertSetting, checkAlertSetting } from './alert-setting';
import type { AlertSettingsStore } from './alert-settings-store';

/** The default alert's key: the alert of every workflow that has none. */
const DEFAULT_KEY = 'default';

/** Workflow ids are snowflake ids: digits, kept as text so none loses precision; or "default". */
function workflowIdParam(params: Params): string {
  const value = String(params.filterByTk ?? '').trim();
  if (value !== DEFAULT_KEY && !/^\d{1,20}$/.test(value)) throw invalid('filterByTk', 'must be a workflow id or "default"');
  return value;
}

const answer = (setting: FailureAlertSetting | null) => ({
  roleName: setting?.roleName ?? null,
  channelName: setting?.channelName ?? null,
  alsoChannelName: setting?.alsoChannelName ?? null,
});

/**
 * A workflow's failure alert, for admins (ACL grants it through the plugin's snippet):
 * `inboxWorkflowAlerts:get?filterByTk=<workflow id>` → `{ roleName, channelName, alsoChannelName }` (nulls when off);
 * `inboxWorkflowAlerts:set?filterByTk=<workflow id>` with `values: { roleName, channelName, alsoChannelName? }`, role and
 * channel empty to turn it off;
 * `filterByTk=default`: the alert of every workflow that has none of its own.
 */
export const inboxWorkflowAlerts = (store: AlertSettingsStore) => ({
  name: RESOURCES.workflowAlerts,
  actions: {
    get: userAction(async (params) => {
      const id = workflowIdParam(params);
      return answer(id === DEFAULT_KEY ? await store.getDefault() : await store.get(id));
    }),
    set: userAction(async (params) => {
      const id = workflowIdParam(params);
      const setting = checkAlertSetting(params.values);
      return answer(id === DEFAULT_KEY ? await store.setDefault(setting) : await store.set(id, setting));
    }),
  },
});
