import { useForm } from '@formily/react';
import { useAPIClient } from '@nocobase/client';
import React from 'react';
import { useInboxTranslation } from '../hooks/useInboxTranslation';
import { TestRunButton } from './TestRunButton';

/** The node form's adapter: NocoBase's API client, our translations, and the Formily form's current config. */
export function InboxTestRun() {
  const form = useForm();
  const api = useAPIClient();
  const { t } = useInboxTranslation();
  return <TestRunButton api={api} t={t} getConfig={() => form.values?.config ?? form.values} />;
}
