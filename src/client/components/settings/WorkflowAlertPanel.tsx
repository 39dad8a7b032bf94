import { Skeleton, Space, Typography } from 'antd';
import React from 'react';
import { useRequest } from 'ahooks';
import type { WorkflowSummary } from '../../settings-api';
import { AlertEditor } from './AlertEditor';
import { AlertOptionNotes } from './AlertOptionNotes';
import { LoadFailed } from './LoadFailed';
import type { SettingsEnv } from './settings-env';
import { useAlertOptions } from './useAlertOptions';

/** One workflow's failure alert, as its own page shows it: what an alert does, and the workflow's editor. */
export function WorkflowAlertPanel({ env, workflowId }: { env: SettingsEnv; workflowId: WorkflowSummary['id'] }) {
  const { requests, t } = env;
  const workflow = useRequest(() => requests.workflow(workflowId), { refreshDeps: [requests, workflowId] });
  const { options, loads } = useAlertOptions(env);

  if (workflow.error) return <LoadFailed message={t('The workflow could not be loaded')} loaded={workflow} t={t} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t(
          'When an execution of a workflow fails or ends in error, every user of its supervisor role gets one error message on the chosen channel, linking to the execution.',
        )}{' '}
        {t('Aborted and timed-out executions alert too; each supervisor reads the alert in their own language.')}
      </Typography.Paragraph>
      <AlertOptionNotes env={env} loads={loads} />
      {workflow.data ? <AlertEditor env={env} workflow={workflow.data} {...options} /> : <Skeleton.Input active />}
      <Typography.Text type="secondary">
        {t('Turned off, this workflow uses the default alert of Settings → In-app inbox, if there is one.')}
      </Typography.Text>
    </Space>
  );
}
