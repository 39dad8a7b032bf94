// Test doubles for the client suites: an in-memory inbox behind the ApiClient contract, and an SSE endpoint.
import { CHANNEL_TYPE } from '../../shared/constants';
import type { ApiClient, RequestConfig } from '../api';
import { countsWithoutMuted, InboxMessage, Preferences } from '../../shared/contract';

export { makeMessage } from '../../../testing/messages';

const PAGE = 20;

/** The current user's inbox in memory, answering the routes the client calls; `calls` records each request. */
export function fakeInboxApi(seed: InboxMessage[] = [], titles: Record<string, string> = {}) {
  const store = { messages: [...seed], preferences: { toasts: true, mutedChannels: [] } as Preferences };
  const failing = new Set<string>();

  const ids = (params: any) => String(params.filterByTk).split(',').map(Number);
  // the archive is a view of its own; the others show what is not archived
  const inView = (m: InboxMessage, status?: string) => (status === 'archived') === !!m.archivedAt;
  const matches = (m: InboxMessage, p: any) =>
    inView(m, p.status) &&
    (!p.channelName || m.channelName === p.channelName) &&
    (!p.status || p.status === 'archived' || (p.status === 'unread') === (m.readAt === null)) &&
    (!p.before || m.id < p.before);
  const shown = () => store.messages.filter((m) => !m.archivedAt);
  const page = <T>(rows: T[], cursor: (row: T) => number) => ({
    data: { data: rows.slice(0, PAGE), meta: { nextCursor: rows.length > PAGE ? cursor(rows[PAGE - 1]) : null } },
  });
  const channelNames = (messages = shown()) => [...new Set(messages.map((m) => m.channelName))];
  const counts = () => {
    const channels: Record<string, { unread: number; total: number }> = {};
    for (const name of channelNames()) {
      const own = shown().filter((m) => m.channelName === name);
      channels[name] = { unread: own.filter((m) => m.readAt === null).length, total: own.length };
    }
    return countsWithoutMuted(channels, store.preferences.mutedChannels);
  };
  const setRead = (list: number[], read: boolean) => {
    store.messages = store.messages.map((m) =>
      list.includes(m.id) ? { ...m, readAt: read ? new Date().toISOString() : null } : m,
    );
    return { data: { data: { ids: list } } };
  };

  const putAside = (p: any) => {
    store.messages = store.messages.filter((m) => !ids(p).includes(m.id));
    return { data: { data: { ids: ids(p) } } };
  };
  /** Archives or brings back the ids, or every message of `values.filter`'s view (an unarchive's is the archive). */
  const setArchived = (p: any, data: any, archived: boolean) => {
    const filter = data?.filter;
    const hit = (m: InboxMessage) =>
      filter ? matches(m, { ...filter, status: archived ? filter.status : 'archived' }) : ids(p).includes(m.id) && inView(m, archived ? undefined : 'archived');
    const hits = store.messages.filter(hit).map((m) => m.id);
    const archivedAt = archived ? new Date().toISOString() : null;
    store.messages = store.messages.map((m) => (hits.includes(m.id) ? { ...m, archivedAt } : m));
    return { data: { data: filter ? { updated: hits.length } : { ids: hits } } };
  };

  const routes: Routes = {
    'myInboxMessages:list': (p) =>
      page(
        store.messages.filter((m) => matches(m, p)).sort((a, b) => b.id - a.id),
        (m) => m.id,
      ),
    'myInboxMessages:count': () => ({ data: { data: counts() } }),
    'myInboxMessages:markRead': (p) => setRead(ids(p), true),
    'myInboxMessages:markUnread': (p) => setRead(ids(p), false),
    'myInboxMessages:respond': (p, data: any) => {
      const [id] = ids(p);
      const at = new Date().toISOString();
      store.messages = store.messages.map((m) =>
        m.id === id ? { ...m, readAt: m.readAt ?? at, response: m.response ?? { action: data.action, at } } : m,
      );
      return { data: { data: store.messages.find((m) => m.id === id) } };
    },
    'myInboxMessages:markAllRead': (p) =>
      setRead(
        store.messages.filter((m) => !p.channelName || m.channelName === p.channelName).map((m) => m.id),
        true,
      ),
    'myInboxMessages:destroy': (p) => putAside(p),
    // archived and snoozed messages leave the inbox's lists and counts
    'myInboxMessages:archive': (p, data) => setArchived(p, data, true),
    'myInboxMessages:unarchive': (p, data) => setArchived(p, data, false),
    'myInboxMessages:snooze': (p) => putAside(p),
    'myInboxChannels:list': (p) =>
      page(
        channelNames(store.messages.filter((m) => inView(m, p.status)))
          .map((name) => {
          const own = store.messages.filter((m) => m.channelName === name && inView(m, p.status)).sort((a, b) => b.id - a.id);
          return {
            name,
            title: titles[name] ?? name,
            unreadCount: own.filter((m) => m.readAt === null).length,
            totalCount: own.length,
            latestMessage: { id: own[0].id, title: own[0].title, createdAt: own[0].createdAt },
          };
        })
          .sort((a, b) => b.latestMessage.id - a.latestMessage.id),
        (c) => c.latestMessage.id,
      ),
    'myInboxPreferences:get': () => ({ data: { data: store.preferences } }),
    'myInboxPreferences:set': (_p, data) => {
      store.preferences = { ...store.preferences, ...data };
      return { data: { data: store.preferences } };
    },
  };

  return { ...routedApi(routes, failing), store, failing };
}

type Routes = Record<string, (params: any, data: any) => { data: any }>;

/**
 * An ApiClient answering `routes`; a url in `failing` fails as a network error would, one in `rejections`
 * throws that error once.
 */
function routedApi(routes: Routes, failing: Set<string>, rejections = new Map<string, Error>()) {
  const calls: RequestConfig[] = [];
  const api: ApiClient = {
    request: jest.fn(async (config: RequestConfig) => {
      calls.push(config);
      if (failing.has(config.url)) throw new Error(`${config.url} failed`);
      const rejection = rejections.get(config.url);
      rejections.delete(config.url);
      if (rejection) throw rejection;
      const route = routes[config.url];
      if (!route) throw new Error(`no route ${config.url}`);
      return route(config.params ?? {}, config.data);
    }),
  };
  return { api, calls, callsTo: (url: string) => calls.filter((c) => c.url === url) };
}

/** A 4xx as NocoBase's API client throws it: axios's error with the server's `{ errors: [{ message, field }] }`. */
export function httpError(status: number, field: string, message: string) {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    response: { status, data: { errors: [{ message, field }] } },
  });
}

export interface SettingsSeed {
  retentionDays?: number;
  workflows?: { id: number | string; key: string; title: string }[];
  roles?: { name: string; title: string | null }[];
  channels?: { name: string; title: string | null; notificationType?: string }[];
  alerts?: Record<string, { roleName: string; channelName: string; alsoChannelName?: string | null }>;
  /** What the official in-app plugin holds: each of its rows imports once, step by step (`maxRows`). */
  official?: { available?: boolean; messages: number; channels?: string[] };
}

/** Workflows, roles, channels and one alert, as both settings screens start from. */
export const SETTINGS_SEED: SettingsSeed = {
  workflows: [
    { id: '101', key: 'k1', title: 'New lead' },
    { id: '102', key: 'k2', title: 'Nightly sync' },
  ],
  roles: [
    { name: 'admin', title: '{{t("Admin")}}' },
    { name: 'ops', title: 'Operations' },
  ],
  channels: [
    { name: 'alerts', title: 'Alerts' },
    { name: 'mail', title: 'Email', notificationType: 'email' },
  ],
  alerts: { '102': { roleName: 'ops', channelName: 'alerts' } },
};

/** The admin's side of the server in memory: settings, current workflows, roles, channels and alerts. */
export function fakeSettingsApi(seed: SettingsSeed = {}) {
  const store = {
    settings: { retentionDays: seed.retentionDays ?? 0 },
    alerts: { ...seed.alerts } as Record<string, { roleName: string; channelName: string; alsoChannelName?: string | null } | undefined>,
  };
  const roles = seed.roles ?? [];
  const channels = seed.channels ?? [];
  /** the next answer of a url instead of its route: a 4xx from `httpError` */
  const rejections = new Map<string, Error>();
  const failing = new Set<string>();
  const ok = (data: unknown) => ({ data: { data } });
  const alertOf = (id: unknown) => ({ alsoChannelName: null, ...(store.alerts[String(id)] ?? { roleName: null, channelName: null }) });
  const official = { available: true, channels: [] as string[], imported: 0, ...seed.official, messages: seed.official?.messages ?? 0 };
  const importStep = (values: { convertChannels?: boolean; maxRows?: number; after?: string }) => {
    const start = values.after ? Number(values.after) : 0;
    const end = Math.min(official.messages, start + (values.maxRows ?? official.messages));
    const imported = Math.max(0, end - Math.max(start, official.imported));
    official.imported = Math.max(official.imported, end);
    const channelsConverted = values.convertChannels ? official.channels : [];
    if (values.convertChannels) official.channels = [];
    const done = end >= official.messages;
    return { imported, skipped: end - start - imported, channelsConverted, done, cursor: done ? null : String(end) };
  };

  const routes: Routes = {
    'inboxSettings:get': () => ok(store.settings),
    'inboxSettings:set': (_p, values) => ok((store.settings = { ...store.settings, ...values })),
    'workflows:list': () => ok(seed.workflows ?? []),
    'roles:list': () => ok(roles),
    'notificationChannels:list': (p) => {
      const filter = JSON.parse(p.filter ?? '{}');
      const typeOf = (c: { notificationType?: string }) => c.notificationType ?? CHANNEL_TYPE;
      const { notificationType: type, 'notificationType.$ne': notType } = filter;
      return ok(channels.filter((c) => (!type || typeOf(c) === type) && (!notType || typeOf(c) !== notType)));
    },
    'inboxSettings:officialStatus': () => ok({ ...official }),
    'inboxSettings:importOfficial': (_p, values) => ok(importStep(values ?? {})),
    'inboxWorkflowAlerts:get': (p) => ok(alertOf(p.filterByTk)),
    'inboxWorkflowAlerts:set': (p, values) => {
      store.alerts[String(p.filterByTk)] = values.roleName ? values : undefined;
      return ok(alertOf(p.filterByTk));
    },
  };
  return { ...routedApi(routes, failing, rejections), store, official, failing, rejections };
}

/** A `fetch` whose responses are Server-Sent Event streams the test writes to. */
export function fakeEventStream() {
  const encoder = new TextEncoder();
  const connections: { url: string; headers: Record<string, string>; write(text: string): void; end(): void }[] = [];

  const fetch = jest.fn(async (url: string, init: RequestInit) => {
    const queue: (Uint8Array | null)[] = [];
    let waiting: ((result: ReadableStreamReadResult<Uint8Array>) => void) | null = null;
    const deliver = (chunk: Uint8Array | null) => {
      const result = chunk === null ? ({ done: true, value: undefined } as const) : { done: false as const, value: chunk };
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve(result);
      } else {
        queue.push(chunk);
      }
    };
    const reader = {
      read: () =>
        new Promise<ReadableStreamReadResult<Uint8Array>>((resolve) => {
          if (queue.length) {
            const chunk = queue.shift() as Uint8Array | null;
            resolve(chunk === null ? { done: true, value: undefined } : { done: false, value: chunk });
          } else {
            waiting = resolve;
          }
        }),
      cancel: async () => deliver(null),
    };
    init.signal?.addEventListener('abort', () => deliver(null));
    connections.push({
      url,
      headers: init.headers as Record<string, string>,
      write: (text) => deliver(encoder.encode(text)),
      end: () => deliver(null),
    });
    return { ok: true, status: 200, body: { getReader: () => reader } } as unknown as Response;
  });

  const last = () => connections[connections.length - 1];
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    fetchMock: fetch,
    connections,
    send(event: string, data: unknown, id?: number) {
      last().write(`event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`);
    },
  };
}

/** Web Locks with exclusive locks only, as `navigator.locks` grants them between tabs. */
export function fakeLocks() {
  type Waiter = { callback: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };
  const queues = new Map<string, Waiter[]>();
  const held = new Set<string>();
  const grant = (name: string) => {
    const waiter = queues.get(name)?.shift();
    if (!waiter) return;
    held.add(name);
    Promise.resolve()
      .then(waiter.callback)
      .then(waiter.resolve, waiter.reject)
      .finally(() => {
        held.delete(name);
        grant(name);
      });
  };
  const locks = {
    request: (name: string, options: { signal?: AbortSignal }, callback: () => unknown) =>
      new Promise((resolve, reject) => {
        const waiter = { callback, resolve, reject };
        queues.set(name, [...(queues.get(name) ?? []), waiter]);
        options.signal?.addEventListener('abort', () => {
          const queue = queues.get(name) ?? [];
          if (queue.includes(waiter)) {
            queues.set(name, queue.filter((w) => w !== waiter));
            reject(new Error('AbortError'));
          }
        });
        if (!held.has(name)) grant(name);
      }),
  };
  return locks as unknown as Pick<LockManager, 'request'>;
}

/** BroadcastChannel between the "tabs" of one test: delivers to every other instance of the same name. */
export function fakeBroadcastChannel() {
  const open = new Set<FakeChannel>();
  class FakeChannel {
    onmessage: ((event: MessageEvent) => void) | null = null;
    constructor(readonly name: string) {
      open.add(this);
    }
    postMessage(message: unknown) {
      const copy = JSON.parse(JSON.stringify(message));
      open.forEach((other) => {
        if (other !== this && other.name === this.name) queueMicrotask(() => other.onmessage?.({ data: copy } as MessageEvent));
      });
    }
    close() {
      open.delete(this);
    }
  }
  return FakeChannel;
}
