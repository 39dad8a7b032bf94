import { PinnedPluginListProvider, SchemaComponentOptions, useApp, useCurrentUserContext } from '@nocobase/client';
import React, { useMemo } from 'react';
import { useNocoBaseInboxEnv } from '../hooks/useNocoBaseInboxEnv';
import { usePhoneLayout } from '../hooks/usePhoneLayout';
import { MobileInboxProvider } from '../mobile/MobileInbox';
import type { MobilePlugin } from '../mobile/nocobase-mobile';
import { inMobileApp } from '../mobile/paths';
import { Inbox } from './Inbox';
import { TopBarDock } from './TopBarDock';

const BELL = 'InAppInboxBell';

/** The inbox with NocoBase's API client, router, user and i18n. */
function NocoBaseInbox() {
  return <Inbox env={useNocoBaseInboxEnv()} />;
}

/** The pinned bell, on wide screens; on phones it would sit hidden in NocoBase's "⋯" menu, so PhoneInbox takes over. */
function PinnedInbox() {
  return usePhoneLayout() ? null : <NocoBaseInbox />;
}

/** Phones: the bell docked on the desktop UI's top bar, badge in sight, for a signed-in user (not on /m, which has its tab). */
function PhoneInbox() {
  const phone = usePhoneLayout();
  const app = useApp();
  const signedIn = Boolean(useCurrentUserContext()?.data?.data?.id);
  if (!phone || !signedIn || inMobileApp(window.location.pathname, app.router.getBasename?.() ?? '/')) return null;
  return (
    <TopBarDock>
      <NocoBaseInbox />
    </TopBarDock>
  );
}

/** NocoBase mobile (`/m`): one inbox for its Messages tab and pages, links opened by the mobile app's router. */
function MobileApp({ mobile, children }: { mobile: MobilePlugin; children?: React.ReactNode }) {
  const place = useMemo(() => ({ basename: mobile.mobileBasename, getRouter: () => mobile.mobileRouter?.router }), [mobile]);
  const env = useNocoBaseInboxEnv(place);
  return env.stream ? <MobileInboxProvider env={env}>{children}</MobileInboxProvider> : <>{children}</>;
}

/** The app provider: the bell pinned in the top bar, next to NocoBase's own actions (docked beside "⋯" on phones). */
export function InboxProvider({ children }: { children?: React.ReactNode }) {
  const app = useApp();
  const mobile = app.pm.get<MobilePlugin | undefined>('mobile');
  const content =
    mobile && inMobileApp(window.location.pathname, app.router.getBasename?.() ?? '/') ? (
      <MobileApp mobile={mobile}>{children}</MobileApp>
    ) : (
      children
    );
  return (
    <PinnedPluginListProvider items={{ inAppInbox: { order: 300, component: BELL, pin: true, snippet: '*' } }}>
      <SchemaComponentOptions components={{ [BELL]: PinnedInbox }}>
        {content}
        <PhoneInbox />
      </SchemaComponentOptions>
    </PinnedPluginListProvider>
  );
}
