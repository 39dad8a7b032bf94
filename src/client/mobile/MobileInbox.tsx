import React, { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { AccessibleTheme } from '../components/AccessibleTheme';
import { InboxEnv, InboxEnvProvider, useInboxEnv } from '../components/InboxEnv';
import { Inbox, useInbox } from '../hooks/useInbox';
import { useMessageToasts } from '../hooks/useMessageToasts';
import { followTarget, ViewTarget } from '../links';
import { mobileLinkOf } from './paths';
import type { InboxMessage } from '../../shared/contract';

/** `showPage` marks a message page as shown until the returned function runs. */
const MobileInboxContext = createContext<{ inbox: Inbox; showPage: () => () => void } | null>(null);

/** View on mobile: opens the message's link in the mobile app and marks the message read. */
export function useViewMessage(inbox: { readonly current: Inbox | null }) {
  const { navigate } = useInboxEnv();
  return useCallback(
    (message: InboxMessage, target: ViewTarget) => {
      if (message.readAt === null) void inbox.current?.setRead([message.id], true);
      followTarget(target, navigate);
    },
    [inbox, navigate],
  );
}

/**
 * One inbox for the whole mobile app: the Messages tab's badge, the message pages and the toasts share its state
 * and stream. Its lists load once a message page shows, after that page chose its channel.
 */
export function MobileInboxProvider({ env, children }: { env: InboxEnv; children: React.ReactNode }) {
  return (
    <InboxEnvProvider value={env}>
      <MobileInboxState>{children}</MobileInboxState>
    </InboxEnvProvider>
  );
}

function MobileInboxState({ children }: { children: React.ReactNode }) {
  const { api, stream } = useInboxEnv();
  const [open, setOpen] = useState(false);
  // message pages shown now: the new message shows in the list there, so no toast covers it
  const pagesShown = useRef(0);
  const inboxRef = useRef<Inbox | null>(null);
  const toasts = useMessageToasts(useViewMessage(inboxRef), (message, action) => void inboxRef.current?.respond(message.id, action));
  const inbox = useInbox({
    api,
    stream,
    open,
    // the toast's View opens the message's mobile link, as the message pages' View does
    onMessage: (message, state) => toasts.show({ ...message, url: mobileLinkOf(message) }, state.preferences, pagesShown.current > 0),
  });
  inboxRef.current = inbox;
  const { dismissAll } = toasts;
  const showPage = useCallback(() => {
    setOpen(true);
    pagesShown.current += 1;
    dismissAll();
    return () => {
      pagesShown.current -= 1;
    };
  }, [dismissAll]);
  return (
    <MobileInboxContext.Provider value={{ inbox, showPage }}>
      <AccessibleTheme>{toasts.holder}</AccessibleTheme>
      {children}
    </MobileInboxContext.Provider>
  );
}

/** The mobile app's inbox; null outside it (say, the tab previewed somewhere else). */
export function useMobileInbox(): Inbox | null {
  return useContext(MobileInboxContext)?.inbox ?? null;
}

/** For a message page: the inbox, its lists loaded, `channelName` chosen first when the page shows one channel. */
export function useMobileInboxPage(channelName?: string | null): Inbox | null {
  const context = useContext(MobileInboxContext);
  const select = context?.inbox.select;
  const showPage = context?.showPage;
  // the inbox's actions are new functions on every render: run once per channel in the address
  const latest = useRef({ select, showPage });
  latest.current = { select, showPage };
  useEffect(() => {
    if (channelName !== undefined) latest.current.select?.(channelName);
    return latest.current.showPage?.();
  }, [channelName]);
  return context?.inbox ?? null;
}
