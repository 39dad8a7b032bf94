import React, { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { InboxEnv, InboxEnvProvider } from '../components/InboxEnv';
import { Inbox, useInbox } from '../hooks/useInbox';

const MobileInboxContext = createContext<{ inbox: Inbox; show: () => void } | null>(null);

/**
 * One inbox for the whole mobile app: the Messages tab's badge and the message pages share its state and stream.
 * Its lists load once a message page shows, after that page chose its channel.
 */
export function MobileInboxProvider({ env, children }: { env: InboxEnv; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const inbox = useInbox({ api: env.api, stream: env.stream, open });
  const show = useMemo(() => () => setOpen(true), []);
  return (
    <InboxEnvProvider value={env}>
      <MobileInboxContext.Provider value={{ inbox, show }}>{children}</MobileInboxContext.Provider>
    </InboxEnvProvider>
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
  const show = context?.show;
  // the inbox's actions are new functions on every render: run once per channel in the address
  const latest = useRef({ select, show });
  latest.current = { select, show };
  useEffect(() => {
    if (channelName !== undefined) latest.current.select?.(channelName);
    latest.current.show?.();
  }, [channelName]);
  return context?.inbox ?? null;
}
