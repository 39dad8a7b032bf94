import { ExperimentOutlined } from '@ant-design/icons';
import { Button, message as antdMessage, Space, Typography } from 'antd';
import React, { useState } from 'react';
import { RESOURCES } from '../../shared/constants';
import type { ApiClient } from '../api';
import { requestFailure } from '../settings-api';
import type { Translate } from '../types';

export interface TestRunButtonProps {
  api: ApiClient;
  t: Translate;
  /** the node's config as the form holds it now (saved or not) */
  getConfig: () => unknown;
}

/** The server's reason for a refused run (a 4xx's first error), else the error's own message. */
const reasonOf = (error: unknown): string => {
  const own = (error as { message?: unknown } | null)?.message;
  return requestFailure(error).message ?? (typeof own === 'string' ? own : String(error));
};

/**
 * "Test run" in the node's form: sends the message being designed to the designer alone (variables get sample
 * values), so the toast and the popover entry can be seen before the workflow is enabled.
 */
export function TestRunButton({ api, t, getConfig }: TestRunButtonProps) {
  const [sending, setSending] = useState(false);
  const [notice, holder] = antdMessage.useMessage();
  const run = async () => {
    setSending(true);
    try {
      await api.request({
        url: `${RESOURCES.workflowTests}:send`,
        method: 'post',
        data: { config: getConfig() },
        skipNotify: true,
      });
      void notice.success(t('Sent to your inbox'));
    } catch (error) {
      void notice.error(t('The test message could not be sent: {{reason}}', { reason: reasonOf(error) }));
    } finally {
      setSending(false);
    }
  };
  return (
    <Space direction="vertical" size={4} style={{ marginBottom: 16 }}>
      {holder}
      <Button icon={<ExperimentOutlined />} loading={sending} onClick={run}>
        {t('Test run')}
      </Button>
      <Typography.Text type="secondary">{t('Sends this message to you alone, with sample values for the variables.')}</Typography.Text>
    </Space>
  );
}
