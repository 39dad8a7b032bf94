import { Button, Select, Space, Tag, Typography } from 'antd';
import React, { useEffect, useState } from 'react';
import { useRequest } from 'ahooks';
import { requestFailure, WorkflowSummary } from '../../settings-api';
import type { SettingsEnv } from './settings-env';
import type { FailureAlert } from '../../../shared/contract';

export interface SelectOption {
  value: string;
  label: string;
}

type AlertField = keyof FailureAlert;

const OFF: FailureAlert = { roleName: null, channelName: null, alsoChannelName: null };

const isOn = (alert: FailureAlert | undefined) => Boolean(alert?.roleName && alert.channelName);

/** One workflow's failure alert: its state, a role and a channel to pick, save and turn off. */
export function AlertEditor({
  env,
  workflow,
  roles,
  channels,
  alsoChannels,
}: {
  env: SettingsEnv;
  workflow: WorkflowSummary;
  roles: SelectOption[];
  channels: SelectOption[];
  /** channels of other types, for the optional second channel */
  alsoChannels: SelectOption[];
}) {
  const { requests, t, notify } = env;
  const saved = useRequest(() => requests.alert(workflow.id), { refreshDeps: [requests, workflow.id] });
  const [draft, setDraft] = useState<FailureAlert>(OFF);
  const [errors, setErrors] = useState<Partial<Record<AlertField, string>>>({});
  const [busy, setBusy] = useState(false);
  const name = workflow.title || String(workflow.id);

  useEffect(() => {
    if (saved.data) setDraft(saved.data);
  }, [saved.data]);

  const pick = (field: AlertField) => (value: string | undefined) => {
    setDraft((previous) => ({ ...previous, [field]: value ?? null }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const submit = async (values: FailureAlert, done: string) => {
    setBusy(true);
    setErrors({});
    try {
      saved.mutate(await requests.setAlert(workflow.id, values));
      notify.success(done);
    } catch (error) {
      const failure = requestFailure(error);
      const message = failure.message ?? t('The alert could not be saved');
      if (failure.field && failure.field in OFF) setErrors({ [failure.field]: message });
      else notify.error(message);
    } finally {
      setBusy(false);
    }
  };

  if (saved.error) {
    return (
      <Space>
        <Typography.Text type="danger">{t('The alert could not be loaded')}</Typography.Text>
        <Button size="small" onClick={saved.refresh}>
          {t('Retry')}
        </Button>
      </Space>
    );
  }

  const changed = (Object.keys(OFF) as AlertField[]).some((field) => (draft[field] ?? null) !== (saved.data?.[field] ?? null));
  const complete = Boolean(draft.roleName && draft.channelName);
  const fieldSelect = (field: AlertField, options: SelectOption[], text: { label: string; placeholder: string }) => (
    <Space direction="vertical" size={0}>
      <Select
        aria-label={text.label}
        placeholder={text.placeholder}
        allowClear
        showSearch
        optionFilterProp="label"
        style={{ width: 200 }}
        options={options}
        value={draft[field] ?? undefined}
        onChange={pick(field)}
        status={errors[field] ? 'error' : undefined}
        disabled={saved.loading || busy}
      />
      {errors[field] && <Typography.Text type="danger">{errors[field]}</Typography.Text>}
    </Space>
  );

  return (
    <Space wrap align="start">
      <Tag color={isOn(saved.data) ? 'green' : undefined} style={{ minWidth: 40, textAlign: 'center', marginTop: 5 }}>
        {saved.loading && !saved.data ? '…' : isOn(saved.data) ? t('On') : t('Off')}
      </Tag>
      {fieldSelect('roleName', roles, {
        label: t('Supervisor role of {{workflow}}', { workflow: name }),
        placeholder: t('Supervisor role'),
      })}
      {fieldSelect('channelName', channels, {
        label: t('Alert channel of {{workflow}}', { workflow: name }),
        placeholder: t('Channel'),
      })}
      {fieldSelect('alsoChannelName', alsoChannels, {
        label: t('Second alert channel of {{workflow}}', { workflow: name }),
        placeholder: t('Also through (optional)'),
      })}
      <Button
        type="primary"
        aria-label={t('Save the alert of {{workflow}}', { workflow: name })}
        loading={busy}
        disabled={!changed || !complete}
        onClick={() => submit(draft, t('Failure alert of {{workflow}} saved', { workflow: name }))}
      >
        {t('Save')}
      </Button>
      <Button
        aria-label={t('Turn off the alert of {{workflow}}', { workflow: name })}
        disabled={!isOn(saved.data) || busy}
        onClick={() => submit(OFF, t('Failure alert of {{workflow}} turned off', { workflow: name }))}
      >
        {t('Turn off')}
      </Button>
    </Space>
  );
}
