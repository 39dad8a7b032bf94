import { Space, Table, Typography } from 'antd';
import React from 'react';
import { useRequest } from 'ahooks';
import type { WorkflowSummary } from '../../settings-api';
import { AlertEditor } from './AlertEditor';
import { AlertOptionNotes } from './AlertOptionNotes';
import { LoadFailed } from './LoadFailed';
import type { SettingsEnv } from './settings-env';
import { useAlertOptions } from './useAlertOptions';

const PAGE_SIZE = 10;

/** The server's key of the alert every workflow without its own uses. */
const DEFAULT_ALERT_ID = 'default';

/** The default alert, then every current workflow with its own; a row asks for its alert only once it is shown. */
export function WorkflowAlertsTable({ env }: { env: SettingsEnv }) {
  const { requests, t } = env;
  const workflows = useRequest(requests.workflows);
  const { options, loads } = useAlertOptions(env);

  if (workflows.error) {
    return <LoadFailed message={t('Workflows could not be loaded')} loaded={workflows} t={t} />;
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <AlertOptionNotes env={env} loads={loads} />
      <div role="group" aria-label={t('Default alert')}>
        <Space wrap align="center">
          <Typography.Text strong>{t('Default alert')}</Typography.Text>
          <Typography.Text type="secondary">{t('For every workflow without an alert of its own.')}</Typography.Text>
        </Space>
        <AlertEditor
          env={env}
          workflow={{ id: DEFAULT_ALERT_ID, key: DEFAULT_ALERT_ID, title: t('Default alert') }}
          {...options}
        />
      </div>
      <Table<WorkflowSummary>
        rowKey={(workflow) => String(workflow.id)}
        size="middle"
        loading={workflows.loading}
        dataSource={workflows.data ?? []}
        pagination={{ pageSize: PAGE_SIZE, hideOnSinglePage: true }}
        locale={{ emptyText: t('No workflows yet') }}
        columns={[
          { key: 'title', title: t('Workflow'), render: (_, workflow) => workflow.title || String(workflow.id) },
          {
            key: 'alert',
            title: t('Failure alert'),
            render: (_, workflow) => (
              <AlertEditor env={env} workflow={workflow} {...options} />
            ),
          },
        ]}
      />
    </Space>
  );
}
