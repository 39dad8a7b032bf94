import { useAPIClient } from '@nocobase/client';
import React, { useContext } from 'react';
import { MOBILE_TAB, mobileTabRoute } from '../../shared/constants';
import { useInboxTranslation } from '../hooks/useInboxTranslation';
import { tExpr } from '../i18n';
import { MobileChannelsPage } from './MobileChannelsPage';
import { MobileInboxTab } from './MobileInboxTab';
import { MobileMessagesPage } from './MobileMessagesPage';

/** What we use of `@nocobase/plugin-mobile`'s client plugin, read by name since that plugin may be disabled. */
export interface MobilePlugin {
  /** the `/m` app's router: routes added under "mobile" render inside its layout, above its tab bar */
  mobileRouter?: {
    add(name: string, options: { path: string; Component?: React.ComponentType }): void;
    router?: { navigate(to: string): unknown };
  };
  /** "/m" under the app's basename */
  mobileBasename: string;
}

export interface MobileHost {
  /** (props unknown to the registry: `never` accepts a component of any props) */
  addComponents(components: Record<string, React.ComponentType<never>>): void;
  schemaInitializerManager: { addItem(initializer: string, name: string, item: Record<string, unknown>): void };
}

type MobileRoutes = { routeList?: { schemaUid?: string }[]; refresh?: () => Promise<unknown> } | null;

/** plugin-mobile's routes context, from its module in the UI's requirejs (defined once that plugin is enabled). */
function mobileRoutesContext(): React.Context<MobileRoutes> | null {
  type MobileModule = { MobileRoutesContext?: React.Context<MobileRoutes> };
  const requirejs = (window as { requirejs?: { requirejs?: ((id: string) => MobileModule) & { defined?: (id: string) => boolean } } })
    .requirejs?.requirejs;
  const id = '@nocobase/plugin-mobile/client';
  return requirejs?.defined?.(id) ? (requirejs(id).MobileRoutesContext ?? null) : null;
}

const NoRoutes = React.createContext<MobileRoutes>(null);

/** The mobile editor's "Messages" entry in the tab bar's add menu: creates the tab once, then shows it. */
function useMessagesTabItemProps() {
  const api = useAPIClient();
  const { t } = useInboxTranslation();
  const routes = useContext(mobileRoutesContext() ?? NoRoutes);
  return {
    onClick: async () => {
      if (routes?.routeList?.some((route) => route.schemaUid === MOBILE_TAB.schemaUid)) return;
      await api.request({ url: 'mobileRoutes:create', method: 'post', data: mobileTabRoute(t('Messages')) });
      if (routes?.refresh) await routes.refresh();
      else window.location.reload();
    },
  };
}

/** Adds the Messages tab component, the channel and message pages under `/m`, and the editor's menu item. */
export function registerMobilePages(host: MobileHost, mobile: MobilePlugin | undefined): void {
  const router = mobile?.mobileRouter;
  if (!router) return;
  host.addComponents({ [MOBILE_TAB.component]: MobileInboxTab });
  router.add('mobile.page.in-app-inbox', { path: MOBILE_TAB.url });
  router.add('mobile.page.in-app-inbox.channels', { path: MOBILE_TAB.url, Component: MobileChannelsPage });
  router.add('mobile.page.in-app-inbox.messages', { path: MOBILE_TAB.messagesUrl, Component: MobileMessagesPage });
  host.schemaInitializerManager.addItem('mobile:tab-bar', MOBILE_TAB.schemaUid, {
    name: MOBILE_TAB.schemaUid,
    type: 'item',
    title: tExpr('Messages'),
    useComponentProps: useMessagesTabItemProps,
  });
}
