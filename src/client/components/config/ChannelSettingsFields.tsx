import { Checkbox, Form, InputNumber, Select } from 'antd';
import React from 'react';
import { LEVELS } from '../../../shared/constants';
import { CHANNEL_SETTING_LIMITS } from '../../../shared/channel-settings';
import { useInboxTranslation } from '../../hooks/useInboxTranslation';
import { CHANNEL_SETTING_TEXTS } from '../../schemas/channel-settings';
import { LEVEL_LABELS, MESSAGE_FIELD_TEXTS } from '../../schemas/message-fields';

const name = (key: string) => ['options', key];

/**
 * The channel's settings in an antd Form, as the modern client's Notification Manager loads a channel type's
 * `ChannelConfigFormLoader` (its form keeps them under `options`); the same settings as the Formily schema.
 * Roles are typed by name there (the modern client offers no roles picker to plugins).
 */
export function ChannelSettingsFields() {
  const { t } = useInboxTranslation();
  const texts = CHANNEL_SETTING_TEXTS;
  return (
    <>
      <Form.Item name={name('important')} valuePropName="checked" extra={t(texts.importantHelp)}>
        <Checkbox>{t(texts.important)}</Checkbox>
      </Form.Item>
      <Form.Item name={name('defaultLevel')} label={t(texts.defaultLevel)}>
        <Select allowClear options={LEVELS.map((level) => ({ value: level, label: t(LEVEL_LABELS[level]) }))} />
      </Form.Item>
      <Form.Item name={name('toastDuration')} label={t(MESSAGE_FIELD_TEXTS.toastDuration.title)} extra={t(MESSAGE_FIELD_TEXTS.toastDuration.description)}>
        <InputNumber min={0} max={CHANNEL_SETTING_LIMITS.maxToastSeconds} step={1} precision={1} />
      </Form.Item>
      <Form.Item name={name('retentionDays')} label={t(texts.retentionDays)} extra={t(texts.retentionHelp)}>
        <InputNumber min={0} max={CHANNEL_SETTING_LIMITS.maxRetentionDays} step={1} precision={0} />
      </Form.Item>
      <Form.Item name={name('allowedRoles')} label={t(texts.allowedRoles)} extra={t(texts.allowedRolesHelp)}>
        <Select mode="tags" maxCount={CHANNEL_SETTING_LIMITS.maxRoles} open={false} />
      </Form.Item>
    </>
  );
}
