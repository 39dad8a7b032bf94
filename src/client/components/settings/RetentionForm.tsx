import { Button, Form, InputNumber, Space, Spin } from 'antd';
import React, { useEffect, useId, useState } from 'react';
import { useRequest } from 'ahooks';
import { requestFailure } from '../../settings-api';
import { LoadFailed } from './LoadFailed';
import type { SettingsEnv } from './settings-env';
import { InboxSettings, LIMITS } from '../../../shared/contract';

const FIELD = 'retentionDays';

/** How long read messages are kept: a number of days, 0 to keep them forever. */
export function RetentionForm({ env }: { env: SettingsEnv }) {
  const { requests, t, notify } = env;
  const [form] = Form.useForm<InboxSettings>();
  const [saving, setSaving] = useState(false);
  const inputId = useId();
  const settings = useRequest(requests.settings);

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [form, settings.data]);

  const save = async ({ retentionDays }: InboxSettings) => {
    setSaving(true);
    try {
      settings.mutate(await requests.updateSettings({ retentionDays }));
      notify.success(t('Retention saved'));
    } catch (error) {
      const failure = requestFailure(error);
      const message = failure.message ?? t('The settings could not be saved');
      if (failure.field === FIELD) form.setFields([{ name: FIELD, errors: [message] }]);
      else notify.error(message);
    } finally {
      setSaving(false);
    }
  };

  if (settings.error) return <LoadFailed message={t('The settings could not be loaded')} loaded={settings} t={t} />;
  return (
    <Spin spinning={settings.loading && !settings.data}>
      <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 480 }}>
        <Form.Item htmlFor={inputId} label={t('Keep read messages for')} extra={t('0 = keep forever. Unread messages are never deleted.')}>
          <Space>
            <Form.Item
              noStyle
              name={FIELD}
              rules={[{ required: true, message: t('Enter a number of days, 0 to keep forever') }]}
            >
              <InputNumber id={inputId} min={0} max={LIMITS.retentionDays} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <span>{t('days')}</span>
          </Space>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} disabled={!settings.data}>
          {t('Save')}
        </Button>
      </Form>
    </Spin>
  );
}
