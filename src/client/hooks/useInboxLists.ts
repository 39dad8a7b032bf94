import { useCallback, useEffect } from 'react';
import type { Status } from '../../shared/constants';
import { InboxState, listKey, ListName, Search } from '../inbox-state';
import type { InboxEvent } from '../stream/inbox-event';
import type { InboxParts } from './inbox-hook-types';

type View = Pick<InboxState, 'selected' | 'filter' | 'search'>;

/** The channel and message lists of the current view: read while the inbox is open, page by page, on view changes. */
export function useInboxLists({ requests, dispatch, now }: InboxParts, open: boolean) {
  const load = useCallback(
    async (list: ListName, view: View = now.current.state, append = false) => {
      const key = listKey(view, list);
      const before = append ? now.current.state[list].nextCursor : null;
      if (append && before === null) return;
      dispatch({ type: 'loading', list, key });
      try {
        const query = { status: view.filter, before, channelName: list === 'messages' ? view.selected : null, search: view.search };
        if (list === 'messages') dispatch({ type: 'loaded', list, key, append, page: await requests.messages(query) });
        else dispatch({ type: 'loaded', list, key, append, page: await requests.channels(query) });
      } catch {
        dispatch({ type: 'failed', list, key });
      }
    },
    [requests, dispatch, now],
  );

  const reload = useCallback(() => {
    void load('channels');
    void load('messages');
  }, [load]);

  useEffect(() => {
    if (open) reload();
  }, [open, reload]);

  const setView = (patch: Partial<View>) => {
    const view = { ...now.current.state, ...patch };
    dispatch({ type: 'view', ...patch });
    if (patch.filter !== undefined || patch.search !== undefined) void load('channels', view);
    void load('messages', view);
  };

  /** What a live event means for the open lists, beyond what the reducer changes in them. */
  const onEvent = (event: InboxEvent) => {
    if (!now.current.open) return;
    switch (event.type) {
      case 'message':
        if (!now.current.state.channels.items.some((channel) => channel.name === event.message.channelName)) void load('channels');
        break;
      case 'update':
        // a bulk action over a whole view names no ids: the open lists are read again
        if (event.change.filter) reload();
        break;
      case 'open':
        reload();
        break;
    }
  };

  return {
    reload,
    onEvent,
    /** for the components */
    actions: {
      select: (channelName: string | null) => setView({ selected: channelName }),
      setFilter: (filter: Status) => setView({ filter }),
      setSearch: (patch: Partial<Search>) => setView({ search: { ...now.current.state.search, ...patch } }),
      loadMore: (list: ListName) => load(list, now.current.state, true),
      retry: (list: ListName) => load(list),
    },
  };
}
