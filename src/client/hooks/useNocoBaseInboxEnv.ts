import { useAPIClient, useApp, useCurrentUserContext } from '@nocobase/client';
import { useMemo } from 'react';
import type { InboxEnv } from '../components/InboxEnv';
import { hostInboxEnv } from '../host-env';
import { useInboxTranslation } from './useInboxTranslation';

/** Where links open: the app's router by default; the mobile app passes its own router and basename. */
export interface LinkPlace {
  basename: string;
  getRouter: () => { navigate(to: string): unknown } | undefined;
}

/** NocoBase's API client, router, user and i18n as the inbox's environment. */
export function useNocoBaseInboxEnv(place?: LinkPlace): InboxEnv {
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
