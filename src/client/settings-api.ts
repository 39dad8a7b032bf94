import { CHANNEL_TYPE, RESOURCES } from '../shared/constants';
import type { ImportResult, ImportValues, OfficialStatus } from '../shared/official-import';
import type { ActionBody, ApiClient, RequestConfig } from './api';
import type { FailureAlert, InboxSettings } from '../shared/contract';

/** Workflow ids are snowflake ids: passed back to the server exactly as it sent them. */
export interface WorkflowSummary {
  id: string | number;
  key: string;
  title: string;
}

/** A role or a notification channel, as a select offers it. */
export interface NamedItem {
  name: string;
  title: string | null;
}

/** What a failed request tells its user: the server's message, and the field it names when it names one. */
export interface RequestFailure {
  message: string | null;
  field: string | null;
}

/** Pure: the `{ errors: [{ message, field }] }` of a 4xx answer, or nulls when the request failed otherwise. */
export function requestFailure(error: unknown): RequestFailure {
  const first = (error as { response?: { data?: { errors?: unknown[] } } })?.response?.data?.errors?.[0] as
    | { message?: unknown; field?: unknown }
    | undefined;
  return {
    message: typeof first?.message === 'string' && first.message ? first.message : null,
    field: typeof first?.field === 'string' && first.field ? first.field : null,
  };
}

/** The admin's requests: inbox settings, workflows' failure alerts and the roles and channels they name. */
export function settingsRequests(api: ApiClient) {
  // the settings page shows each error where it belongs, so NocoBase's own error toast is skipped
  const call = async <T>(url: string, config: Omit<RequestConfig, 'url'> = {}): Promise<T> =>
    ((await api.request({ url, method: 'get', skipNotify: true, ...config })).data as ActionBody<T> | undefined)?.data as T;
  // a filter goes as JSON, as NocoBase's own resource client sends it: in query-string brackets every value
  // arrives as text, and `current=true` then matches no boolean on SQLite or MySQL
  const listAll = (filter: Record<string, unknown>, fields: string[], sort: string[]) => ({
    params: { paginate: false, filter: JSON.stringify(filter), fields, sort },
  });

  return {
    settings: () => call<InboxSettings>(`${RESOURCES.settings}:get`),
    updateSettings: (values: Partial<InboxSettings>) =>
      call<InboxSettings>(`${RESOURCES.settings}:set`, { method: 'post', data: values }),
    workflows: () =>
      call<WorkflowSummary[]>('workflows:list', listAll({ current: true }, ['id', 'title', 'key'], ['-createdAt'])),
    /** one workflow's title, for the alert panel on its own canvas */
    workflow: (workflowId: WorkflowSummary['id']) =>
      call<WorkflowSummary>('workflows:get', { params: { filterByTk: workflowId, fields: ['id', 'title', 'key'] } }),
    alert: (workflowId: WorkflowSummary['id']) =>
      call<FailureAlert>(`${RESOURCES.workflowAlerts}:get`, { params: { filterByTk: workflowId } }),
    setAlert: (workflowId: WorkflowSummary['id'], values: FailureAlert) =>
      call<FailureAlert>(`${RESOURCES.workflowAlerts}:set`, { method: 'post', params: { filterByTk: workflowId }, data: values }),
    officialStatus: () => call<OfficialStatus>(`${RESOURCES.settings}:officialStatus`),
    importOfficial: (values: ImportValues) =>
      call<ImportResult>(`${RESOURCES.settings}:importOfficial`, { method: 'post', data: values }),
    // root is the super-admin's own role, left out as NocoBase's role settings leave it out
    roles: () => call<NamedItem[]>('roles:list', listAll({ 'name.$ne': 'root' }, ['name', 'title'], ['createdAt'])),
    channels: () =>
      call<NamedItem[]>(
        'notificationChannels:list',
        listAll({ notificationType: CHANNEL_TYPE }, ['name', 'title'], ['createdAt']),
      ),
    /** the channels of other types, for an alert's second channel */
    otherChannels: () =>
      call<NamedItem[]>(
        'notificationChannels:list',
        listAll({ 'notificationType.$ne': CHANNEL_TYPE }, ['name', 'title'], ['createdAt']),
      ),
  };
}

export type SettingsRequests = ReturnType<typeof settingsRequests>;
