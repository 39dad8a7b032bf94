import React from 'react';
import { AccessibleTheme } from './AccessibleTheme';
import { InboxBell } from './InboxBell';
import { InboxEnv, InboxEnvProvider } from './InboxEnv';

/** The whole inbox for one host: NocoBase's adapter (plugin.tsx) and the tests both render this. */
export function Inbox({ env }: { env: InboxEnv }) {
  return (
    <InboxEnvProvider value={env}>
      <AccessibleTheme>
        <InboxBell />
      </AccessibleTheme>
    </InboxEnvProvider>
  );
}
