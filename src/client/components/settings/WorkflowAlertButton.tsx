import { AlertOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import React, { useState } from 'react';
import type { WorkflowSummary } from '../../settings-api';
import type { SettingsEnv } from './settings-env';
import { WorkflowAlertPanel } from './WorkflowAlertPanel';

/** A button on a workflow's own page that opens its failure alert in a dialog (asked for only once opened). */
export function WorkflowAlertButton({ env, workflowId }: { env: SettingsEnv; workflowId: WorkflowSummary['id'] }) {
  const [open, setOpen] = useState(false);
  const { t } = env;
  return (
    <>
      <Button icon={<AlertOutlined />} onClick={() => setOpen(true)}>
        {t('Failure alert')}
      </Button>
      <Modal open={open} title={t('Failure alert')} footer={null} width={760} destroyOnClose onCancel={() => setOpen(false)}>
        <WorkflowAlertPanel env={env} workflowId={workflowId} />
      </Modal>
    </>
  );
}
