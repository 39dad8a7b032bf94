import { useAPIClient, useCompile } from '@nocobase/client';
import React from 'react';
import { useInboxTranslation } from '../../hooks/useInboxTranslation';
import { AccessibleTheme } from '../AccessibleTheme';
import { InboxSettingsPage } from './InboxSettingsPage';

/** The admin's settings page (retention, workflow failure alerts) with NocoBase's API client, i18n and compiler. */
export function NocoBaseSettingsPage() {
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
