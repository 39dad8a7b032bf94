import { RESOURCES, Status } from '../shared/constants';
import type { Search } from './inbox-state';
import type { ChannelSummary, Counts, InboxMessage, Preferences } from '../shared/contract';

export interface RequestConfig {
  url: string;
  method?: 'get' | 'post';
  params?: Record<string, unknown>;
  data?: unknown;
  /** NocoBase's APIClient shows no notification of its own for a failed request: the caller shows the error */
  skipNotify?: boolean;
}

/** What the inbox needs of NocoBase's APIClient (its `request` answers an axios response). */
export interface ApiClient {
  request(config: RequestConfig): Promise<{ data: unknown }>;
}

/** The body of NocoBase's answer to an action: the result under `data`, a page's cursor under `meta`. */
export interface ActionBody<T> {
  data: T;
  meta?: { nextCursor?: number | string | null };
}

export interface Page<T> {
  items: T[];
  /** a message id, or with the unread-first order `unread:<id>` / `read:<id>` */
  nextCursor: number | string | null;
}

export interface PageQuery {
  status: Status;
  before?: number | string | null;
  channelName?: string | null;
  search?: Search;
}

/** What a bulk action does to every message of a view. */
export type BulkChange = 'markRead' | 'markUnread' | 'archive' | 'unarchive' | 'destroy';

/** Drops empty values so the server sees only the parameters that were set. */
const compact = (params: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== ''));

/** The view's filter as the server reads it (`status`, `channelName`, `level`, `q`). */
export const viewParams = ({ status, channelName, search }: Omit<PageQuery, 'before'>) =>
  compact({
    status: search?.archived ? 'archived' : status === 'all' ? undefined : status,
    channelName,
    q: search?.q.trim(),
    level: search?.levels.join(','),
  });

const pageParams = (query: PageQuery) =>
  compact({ ...viewParams(query), before: query.before, sort: query.search?.sort === 'unread' ? 'unread' : undefined });

const toPage = <T>(body: ActionBody<T[]> | undefined): Page<T> => ({ items: body?.data ?? [], nextCursor: body?.meta?.nextCursor ?? null });

/** The current user's inbox actions, typed; every answer unwrapped from NocoBase's `{ data, meta }`. */
export function inboxRequests(api: ApiClient) {
  // the server's answers follow the shared contract: the body is read as the action's declared type
  const call = async <T = unknown>(resource: string, action: string, config: Omit<RequestConfig, 'url'> = {}) =>
    (await api.request({ url: `${resource}:${action}`, method: 'post', ...config })).data as ActionBody<T>;
  const byIds = (ids: number[]) => ({ params: { filterByTk: ids.join(',') } });

  return {
    counts: async () => (await call<Counts>(RESOURCES.myMessages, 'count', { method: 'get' })).data,
    messages: async (query: PageQuery) =>
      toPage(await call<InboxMessage[]>(RESOURCES.myMessages, 'list', { method: 'get', params: pageParams(query) })),
    channels: async (query: PageQuery) =>
      toPage(await call<ChannelSummary[]>(RESOURCES.myChannels, 'list', { method: 'get', params: pageParams(query) })),
    markRead: (ids: number[]) => call(RESOURCES.myMessages, 'markRead', byIds(ids)),
    markUnread: (ids: number[]) => call(RESOURCES.myMessages, 'markUnread', byIds(ids)),
    markAllRead: (channelName?: string | null) =>
      call(RESOURCES.myMessages, 'markAllRead', { params: compact({ channelName }) }),
    destroy: (ids: number[]) => call(RESOURCES.myMessages, 'destroy', byIds(ids)),
    archive: (ids: number[], archived: boolean) => call(RESOURCES.myMessages, archived ? 'archive' : 'unarchive', byIds(ids)),
    snooze: (ids: number[], until: Date) =>
      call(RESOURCES.myMessages, 'snooze', { ...byIds(ids), data: { until: until.toISOString() } }),
    /** One statement over every message of the view the filter names. */
    bulk: (change: BulkChange, filter: Record<string, unknown>) => call(RESOURCES.myMessages, change, { data: { filter } }),
    respond: async (id: number, action: string) =>
      (await call<InboxMessage>(RESOURCES.myMessages, 'respond', { params: { filterByTk: id }, data: { action } })).data,
    preferences: async () => (await call<Preferences>(RESOURCES.myPreferences, 'get', { method: 'get' })).data,
    updatePreferences: async (patch: Partial<Preferences>) =>
      (await call<Preferences>(RESOURCES.myPreferences, 'set', { data: patch })).data,
  };
}


/** Pure: the stream's URL under the API client's base URL ("/api/", "https://host/api", "/api/__app/x/"). */
export function streamUrl(baseURL: string | undefined): string {
  return `${(baseURL || '/api/').replace(/\/*$/, '/')}${RESOURCES.myMessages}:stream`;
}
