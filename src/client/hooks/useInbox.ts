import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { Status } from '../../shared/constants';
import { ApiClient, BulkChange, inboxRequests, viewParams } from '../api';
import { inboxReducer, initialInboxState, InboxState, listKey, ListName, Search } from '../inbox-state';
import type { InboxEvent } from '../stream/inbox-event';
import { StreamSource, useInboxStream } from './useInboxStream';
import type { InboxChange, InboxMessage, Preferences } from '../../shared/contract';

export interface InboxOptions {
  api: ApiClient;
  stream: StreamSource | null;
  /** whether the inbox panel is shown: lists are loaded only then */
  open: boolean;
  onMessage?: (message: InboxMessage, state: InboxState) => void;
  onError?: (error: unknown) => void;
}

type View = Pick<InboxState, 'selected' | 'filter' | 'search'>;

const BULK_CHANGES: Record<BulkChange, InboxChange['change']> = {
  markRead: 'read',
  markUnread: 'unread',
  archive: 'archived',
  destroy: 'deleted',
};

/** After a live change the leader tab re-reads the counts once, unless the server sent them in the meantime. */
const COUNT_REFRESH_MS = 800;

/** The inbox's state and actions: loads on demand, applies live events, changes optimistically then confirms. */
export function useInbox({ api, stream, open, onMessage, onError }: InboxOptions) {
  const requests = useMemo(() => inboxRequests(api), [api]);
  const [state, dispatch] = useReducer(inboxReducer, initialInboxState);
  const latest = useRef({ state, open, onMessage, onError });
  latest.current = { state, open, onMessage, onError };
  const countTimer = useRef<ReturnType<typeof setTimeout>>();
  const share = useRef<(event: InboxEvent) => void>(() => undefined);

  const load = useCallback(
    async (list: ListName, view: View = latest.current.state, append = false) => {
      const key = listKey(view, list);
      const before = append ? latest.current.state[list].nextCursor : null;
      if (append && before === null) return;
      dispatch({ type: 'loading', list, key });
      try {
        const query = { status: view.filter, before, channelName: list === 'messages' ? view.selected : null, search: view.search };
        const page = list === 'messages' ? await requests.messages(query) : await requests.channels(query);
        dispatch({ type: 'loaded', list, key, page, append });
      } catch {
        dispatch({ type: 'failed', list, key });
      }
    },
    [requests],
  );

  const reloadLists = useCallback(() => {
    void load('channels');
    void load('messages');
  }, [load]);

  const loadCounts = useCallback(async () => {
    try {
      share.current({ type: 'count', counts: await requests.counts() });
    } catch {
      // the badge keeps its last value; the next event or reconnect corrects it
    }
  }, [requests]);

  const loadPreferences = useCallback(async () => {
    try {
      share.current({ type: 'preferences', preferences: await requests.preferences() });
    } catch {
      // the defaults stay: toasts on, nothing muted
    }
  }, [requests]);

  const hubRef = useRef<ReturnType<typeof useInboxStream>>(null);
  const isLeader = () => hubRef.current?.isLeader ?? true;
  const refreshCountsSoon = () => {
    if (!isLeader()) return;
    clearTimeout(countTimer.current);
    countTimer.current = setTimeout(() => void loadCounts(), COUNT_REFRESH_MS);
  };

  const handle = (event: InboxEvent) => {
    switch (event.type) {
      case 'message': {
        const knownChannel = latest.current.state.channels.items.some((c) => c.name === event.message.channelName);
        dispatch({ type: 'received', message: event.message });
        latest.current.onMessage?.(event.message, latest.current.state);
        if (!knownChannel && latest.current.open) void load('channels');
        refreshCountsSoon();
        break;
      }
      case 'update':
        if (event.change.change === 'preferences') {
          // changed on another device: one tab reads them again and tells the others
          if (isLeader()) void loadPreferences();
        } else {
          dispatch({ type: 'changed', change: event.change, at: new Date().toISOString() });
          // a bulk action over a whole view names no ids: the open lists are read again
          if (event.change.filter && latest.current.open) reloadLists();
        }
        refreshCountsSoon();
        break;
      case 'count':
        clearTimeout(countTimer.current);
        dispatch({ type: 'counts', counts: event.counts });
        break;
      case 'open':
        if (isLeader()) void loadCounts();
        if (latest.current.open) reloadLists();
        break;
      case 'preferences':
        dispatch({ type: 'preferences', preferences: event.preferences });
        break;
    }
  };

  const hub = useInboxStream(stream, handle);
  hubRef.current = hub;
  share.current = (event) => (hub ? hub.publish(event) : handle(event));

  useEffect(() => {
    void loadCounts();
    void loadPreferences();
    return () => clearTimeout(countTimer.current);
  }, [loadCounts, loadPreferences]);

  useEffect(() => {
    if (open) reloadLists();
  }, [open, reloadLists]);

  /** Applies a change here at once, asks the server, then tells the other tabs; a refusal reloads the truth. */
  const change = useCallback(
    async (local: Omit<InboxChange, 'userId'>, send: () => Promise<unknown>) => {
      const event: InboxEvent = { type: 'update', change: { userId: 0, ...local } };
      dispatch({ type: 'changed', change: event.change, at: new Date().toISOString() });
      try {
        await send();
        share.current(event);
      } catch (error) {
        latest.current.onError?.(error);
        void loadCounts();
        reloadLists();
      }
    },
    [loadCounts, reloadLists],
  );

  const setView = useCallback(
    (patch: Partial<View>) => {
      const view = { ...latest.current.state, ...patch };
      dispatch({ type: 'view', ...patch });
      if (patch.filter !== undefined || patch.search !== undefined) void load('channels', view);
      void load('messages', view);
    },
    [load],
  );

  const updatePreferences = useCallback(
    async (patch: Partial<Preferences>) => {
      const previous = latest.current.state.preferences;
      share.current({ type: 'preferences', preferences: { ...previous, ...patch } });
      try {
        share.current({ type: 'preferences', preferences: await requests.updatePreferences(patch) });
      } catch (error) {
        latest.current.onError?.(error);
        share.current({ type: 'preferences', preferences: previous });
      }
    },
    [requests],
  );

  return {
    state,
    select: (channelName: string | null) => setView({ selected: channelName }),
    setFilter: (filter: Status) => setView({ filter }),
    loadMore: (list: ListName) => load(list, latest.current.state, true),
    retry: (list: ListName) => load(list),
    setRead: (ids: number[], read: boolean) =>
      change({ change: read ? 'read' : 'unread', ids }, () => (read ? requests.markRead(ids) : requests.markUnread(ids))),
    markAllRead: (channelName: string | null) =>
      change({ change: 'read', ids: [], all: true, ...(channelName ? { channelName } : {}) }, () =>
        requests.markAllRead(channelName),
      ),
    remove: (ids: number[]) => change({ change: 'deleted', ids }, () => requests.destroy(ids)),
    setSearch: (patch: Partial<Search>) => setView({ search: { ...latest.current.state.search, ...patch } }),
    /** Archives (or, in the archive, brings back) messages. */
    archive: (ids: number[], archived: boolean) =>
      change({ change: archived ? 'archived' : 'unarchived', ids }, () => requests.archive(ids, archived)),
    snooze: (ids: number[], until: Date) => change({ change: 'snoozed', ids }, () => requests.snooze(ids, until)),
    /** Acts on every message of the current view, loaded or not, in one request; the lists are read again after. */
    bulk: (bulkChange: BulkChange) => {
      const { filter, selected, search } = latest.current.state;
      const viewFilter = viewParams({ status: filter, channelName: selected, search });
      return change({ change: BULK_CHANGES[bulkChange], ids: [], filter: viewFilter as unknown as InboxChange['filter'] }, async () => {
        await requests.bulk(bulkChange, viewFilter);
        void loadCounts();
        reloadLists();
      });
    },
    /** The user clicked a message's button: shown answered at once; a refused answer (409) reloads the truth. */
    respond: (id: number, action: string) =>
      change({ change: 'responded', ids: [id], response: { action, at: new Date().toISOString() } }, () =>
        requests.respond(id, action),
      ),
    setToasts: (toasts: boolean) => updatePreferences({ toasts }),
    setMuted: (channelName: string, muted: boolean) => {
      const others = latest.current.state.preferences.mutedChannels.filter((name) => name !== channelName);
      return updatePreferences({ mutedChannels: muted ? [...others, channelName] : others });
    },
  };
}

export type Inbox = ReturnType<typeof useInbox>;
