import { useMemo, useReducer, useRef } from 'react';
import { inboxRequests, ApiClient } from '../api';
import { eventAction, inboxReducer, initialInboxState } from '../inbox-state';
import type { InboxEvent } from '../stream/inbox-event';
import type { InboxNow } from './inbox-hook-types';
import { useInboxChanges } from './useInboxChanges';
import { useInboxCounts } from './useInboxCounts';
import { useInboxLists } from './useInboxLists';
import { useInboxLive } from './useInboxLive';
import type { StreamSource } from './useInboxStream';

export interface InboxOptions extends Omit<InboxNow, 'state'> {
  api: ApiClient;
  stream: StreamSource | null;
}

/** The inbox's state and actions: live events, counts and preferences, lists, and the user's changes, on one reducer. */
export function useInbox({ api, stream, ...callbacks }: InboxOptions) {
  const requests = useMemo(() => inboxRequests(api), [api]);
  const [state, dispatch] = useReducer(inboxReducer, initialInboxState);
  const now = useRef<InboxNow>({ state, ...callbacks });
  now.current = { state, ...callbacks };
  const parts = { requests, dispatch, now };

  const onEvent = useRef<(event: InboxEvent) => void>(() => undefined);
  const live = useInboxLive(stream, (event) => onEvent.current(event));
  const counts = useInboxCounts({ ...parts, live });
  const lists = useInboxLists(parts, callbacks.open);
  const changes = useInboxChanges({
    ...parts,
    live,
    resync: () => {
      void counts.loadCounts();
      lists.reload();
    },
  });

  onEvent.current = (event) => {
    const action = eventAction(event);
    if (action) dispatch(action);
    if (event.type === 'message') now.current.onMessage?.(event.message, now.current.state);
    lists.onEvent(event);
    counts.onEvent(event);
  };

  return { state, isLeader: live.isLeader, ...lists.actions, ...changes, ...counts.actions };
}

export type Inbox = ReturnType<typeof useInbox>;
