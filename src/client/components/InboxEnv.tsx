import React, { createContext, useContext } from 'react';
import type { ApiClient } from '../api';
import type { StreamSource } from '../hooks/useInboxStream';
import type { Translate } from '../types';

/** What the inbox takes from its host (NocoBase in the app, plain values in tests). */
export interface InboxEnv {
  api: ApiClient;
  t: Translate;
  /** the user's language, for relative times */
  locale: string;
  /** the router base ("/" or "/apps/x/"), for the href of app links */
  basename: string;
  /** navigates to an app path inside the router */
  navigate: (path: string) => void;
  stream: StreamSource | null;
}

const InboxEnvContext = createContext<InboxEnv | null>(null);

export function InboxEnvProvider({ value, children }: { value: InboxEnv; children: React.ReactNode }) {
  return <InboxEnvContext.Provider value={value}>{children}</InboxEnvContext.Provider>;
}

export function useInboxEnv(): InboxEnv {
  const env = useContext(InboxEnvContext);
  if (!env) throw new Error('useInboxEnv: render inside <InboxEnvProvider>');
  return env;
}
