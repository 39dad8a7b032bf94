import type { FlowContext } from '@nocobase/flow-engine';
import React, { useMemo } from 'react';
import { Inbox } from '../client/components/Inbox';
import { hostInboxEnv } from '../client/host-env';
import { useInboxTranslation } from '../client/hooks/useInboxTranslation';

/** Hands the modern client's API client, router, user and i18n to the same inbox the classic client shows. */
export function ModernInbox({ context }: { context: FlowContext }) {
  const { t, i18n } = useInboxTranslation();
  const language = i18n.language;
  const userId = context.user?.id;
  const env = useMemo(
    () =>
      hostInboxEnv({
        api: context.api,
        t,
        language,
        basename: context.app.router.getBasename(),
        getRouter: () => context.router,
        appName: context.app.getName() ?? 'main',
        userId,
      }),
    [context, t, language, userId],
  );
  return <Inbox env={env} />;
}
