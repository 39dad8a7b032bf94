import { Card, Space, Typography } from 'antd';
import React from 'react';
import type { ApiClient } from '../../api';
import type { Compile, Translate } from '../../types';
import { RetentionForm } from './RetentionForm';
import { OfficialImportPanel } from './OfficialImportPanel';
import { useSettingsEnv } from './useSettingsEnv';
import { WorkflowAlertsTable } from './WorkflowAlertsTable';

/** The admin's page: how long read messages are kept, who is alerted when a workflow fails, the official import. */
export function InboxSettingsPage({ api, t, compile }: { api: ApiClient; t: Translate; compile: Compile }) {
  const { env, holder: messageHolder } = useSettingsEnv(api, t, compile);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {messageHolder}
      <Card title={t('Retention of read messages')}>
        <RetentionForm env={env} />
      </Card>
      <Card title={t('Workflow failure alerts')}>
        <Typography.Paragraph type="secondary">
          {t(
            'When an execution of a workflow fails or ends in error, every user of its supervisor role gets one error message on the chosen channel, linking to the execution.',
          )}
          {' '}
          {t('Aborted and timed-out executions alert too; each supervisor reads the alert in their own language.')}
        </Typography.Paragraph>
        <WorkflowAlertsTable env={env} />
      </Card>
      <Card title={t('Import from the official plugin')}>
        <Typography.Paragraph type="secondary">
          {t(
            'Copies every message of the official in-app message plugin into this inbox, with its read state and link. Running it again copies only what is new.',
          )}
        </Typography.Paragraph>
        <OfficialImportPanel env={env} />
      </Card>
    </Space>
  );
}
