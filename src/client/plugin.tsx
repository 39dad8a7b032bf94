import {
  PinnedPluginListProvider,
  Plugin,
  SchemaComponentOptions,
  useAPIClient,
  useApp,
  useCompile,
  useCurrentUserContext,
} from '@nocobase/client';
import PluginNotificationManagerClient from '@nocobase/plugin-notification-manager/client';
import PluginWorkflowClient from '@nocobase/plugin-workflow/client';
import React, { useMemo } from 'react';
import { ACL_SNIPPET, INSTRUCTION_TYPE, PLUGIN_NAME } from '../shared/constants';
import { channelTypeOptions } from './channel/channel-type';
import { AccessibleTheme } from './components/AccessibleTheme';
import { Inbox } from './components/Inbox';
import { TopBarDock } from './components/TopBarDock';
import { InboxSettingsPage } from './components/settings/InboxSettingsPage';
import { hostInboxEnv } from './host-env';
import { useInboxTranslation } from './hooks/useInboxTranslation';
import { usePhoneLayout } from './hooks/usePhoneLayout';
import { tExpr } from './i18n';
import { MobileInboxProvider } from './mobile/MobileInbox';
import { MobilePlugin, registerMobilePages } from './mobile/nocobase-mobile';
import { inMobileApp } from './mobile/paths';
import { InboxInstruction } from './workflow/InboxInstruction';

const BELL = 'InAppInboxBell';

/**
 * NocoBase's API client, router, user and i18n as the inbox's environment; `place` is where links open (the
 * mobile app passes its own router and basename).
 */
function useNocoBaseInboxEnv(place?: { basename: string; getRouter: () => { navigate(to: string): unknown } | undefined }) {
  const api = useAPIClient();
  const app = useApp();
  const { t, i18n } = useInboxTranslation();
  const userId = useCurrentUserContext()?.data?.data?.id;
  const language = i18n.language;
  return useMemo(
    () =>
      hostInboxEnv({
        api,
        t,
        language,
        basename: place?.basename ?? app.router.getBasename?.() ?? '/',
        getRouter: place?.getRouter ?? (() => app.router.router),
        appName: app.getName?.() ?? 'main',
        userId,
      }),
    [api, app, t, language, userId, place],
  );
}

/** Hands NocoBase's API client, router, user and i18n to the inbox. */
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

/** The bell pinned in the top bar, next to NocoBase's own actions (docked beside the "⋯" menu on phones). */
function InboxProvider({ children }: { children?: React.ReactNode }) {
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

/** The admin's settings page (retention, workflow failure alerts) with NocoBase's API client, i18n and compiler. */
function NocoBaseSettingsPage() {
  const api = useAPIClient();
  const compile = useCompile();
  const { t } = useInboxTranslation();
  return (
    <AccessibleTheme>
      <section aria-label={t('In-app inbox')}>
        <InboxSettingsPage api={api} t={t} compile={compile} />
      </section>
    </AccessibleTheme>
  );
}

/** Client half: a thin adapter that hands NocoBase's API client and i18n to our own components. */
export class PluginInAppMessageClient extends Plugin {
  async load() {
    this.app.use(InboxProvider);
    this.pm.get(PluginNotificationManagerClient).registerChannelType(channelTypeOptions());
    this.pm.get(PluginWorkflowClient).registerInstruction(INSTRUCTION_TYPE, InboxInstruction);
    registerMobilePages(this.app, this.pm.get<MobilePlugin | undefined>('mobile'));
    this.app.pluginSettingsManager.add(PLUGIN_NAME, {
      title: tExpr('In-app inbox'),
      icon: 'InboxOutlined',
      Component: NocoBaseSettingsPage,
      aclSnippet: ACL_SNIPPET,
    });
  }
}

export default PluginInAppMessageClient;
