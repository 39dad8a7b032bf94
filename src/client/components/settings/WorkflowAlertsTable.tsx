import { Alert, Space, Table, Typography } from 'antd';
import React, { useMemo } from 'react';
import { useRequest } from 'ahooks';
import { itemLabel } from '../../item-label';
import type { NamedItem, WorkflowSummary } from '../../settings-api';
import type { Compile } from '../../types';
import { AlertEditor, SelectOption } from './AlertEditor';
import { LoadFailed } from './LoadFailed';
import type { SettingsEnv } from './settings-env';

const PAGE_SIZE = 10;

/** The server's key of the alert every workflow without its own uses. */
const DEFAULT_ALERT_ID = 'default';

const toOptions = (items: NamedItem[] | undefined, compile: Compile): SelectOption[] =>
  (items ?? []).map((item) => ({ value: item.name, label: itemLabel(item, compile) }));

/** The default alert, then every current workflow with its own; a row asks for its alert only once it is shown. */
export function WorkflowAlertsTable({ env }: { env: SettingsEnv }) {
  const { requests, t, compile } = env;
  const workflows = useRequest(requests.workflows);
  const roles = useRequest(requests.roles);
  const channels = useRequest(requests.channels);
  const otherChannels = useRequest(requests.otherChannels);
  const roleOptions = useMemo(() => toOptions(roles.data, compile), [roles.data, compile]);
  const channelOptions = useMemo(() => toOptions(channels.data, compile), [channels.data, compile]);
  const alsoOptions = useMemo(() => toOptions(otherChannels.data, compile), [otherChannels.data, compile]);

  if (workflows.error) {
    return <LoadFailed message={t('Workflows could not be loaded')} loaded={workflows} t={t} />;
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {roles.error ? <LoadFailed message={t('Roles could not be loaded')} loaded={roles} t={t} /> : null}
      {channels.error ? <LoadFailed message={t('Channels could not be loaded')} loaded={channels} t={t} /> : null}
      {channels.data?.length === 0 && (
        <Alert
          type="info"
          showIcon
          message={t('No in-app inbox channel yet: add one in Notification manager, then pick it here.')}
        />
      )}
      <div role="group" aria-label={t('Default alert')}>
        <Space wrap align="center">
          <Typography.Text strong>{t('Default alert')}</Typography.Text>
          <Typography.Text type="secondary">{t('For every workflow without an alert of its own.')}</Typography.Text>
        </Space>
        <AlertEditor
          env={env}
          workflow={{ id: DEFAULT_ALERT_ID, key: DEFAULT_ALERT_ID, title: t('Default alert') }}
          roles={roleOptions}
          channels={channelOptions}
          alsoChannels={alsoOptions}
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
              <AlertEditor env={env} workflow={workflow} roles={roleOptions} channels={channelOptions} alsoChannels={alsoOptions} />
            ),
          },
        ]}
      />
    </Space>
  );
}
