import { LEVELS } from '../../shared/constants';
import { CHANNEL_SETTING_LIMITS } from '../../shared/channel-settings';
import { i18nKey, tExpr } from '../i18n';
import { LEVEL_LABELS, MESSAGE_FIELD_TEXTS, SchemaNode } from './message-fields';

/** Labels and help of a channel's admin settings. */
export const CHANNEL_SETTING_TEXTS = {
  important: i18nKey('Important'),
  importantHelp: i18nKey('Users cannot mute this channel, and its toasts always show.'),
  defaultLevel: i18nKey('Default level'),
  retentionDays: i18nKey('Keep read messages (days)'),
  retentionHelp: i18nKey('Empty: the app-wide setting. 0: kept forever.'),
  allowedRoles: i18nKey('Roles that may receive'),
  allowedRolesHelp: i18nKey('Empty: every user. Sends to users without one of these roles are dropped and counted in the send log.'),
} as const;

const field = (title: string, schema: SchemaNode, description?: string): SchemaNode => ({
  title: tExpr(title),
  ...(description ? { description: tExpr(description) } : {}),
  'x-decorator': 'FormItem',
  ...schema,
});

/**
 * Pure: the settings of one of our channels as Formily schema, rendered inside the channel form's `options`
 * (`ChannelSettings` in src/shared/channel-settings.ts reads them back; the server enforces them).
 */
export function channelSettingsSchema(): SchemaNode {
  const texts = CHANNEL_SETTING_TEXTS;
  return {
    type: 'object',
    properties: {
      important: field(texts.important, { type: 'boolean', 'x-component': 'Checkbox' }, texts.importantHelp),
      defaultLevel: field(texts.defaultLevel, {
        type: 'string',
        'x-component': 'Select',
        'x-component-props': { allowClear: true },
        enum: LEVELS.map((level) => ({ value: level, label: tExpr(LEVEL_LABELS[level]) })),
      }),
      toastDuration: field(
        MESSAGE_FIELD_TEXTS.toastDuration.title,
        {
          type: 'number',
          'x-component': 'InputNumber',
          'x-component-props': { min: 0, max: CHANNEL_SETTING_LIMITS.maxToastSeconds, step: 1, precision: 1 },
        },
        MESSAGE_FIELD_TEXTS.toastDuration.description,
      ),
      retentionDays: field(
        texts.retentionDays,
        {
          type: 'number',
          'x-component': 'InputNumber',
          'x-component-props': { min: 0, max: CHANNEL_SETTING_LIMITS.maxRetentionDays, step: 1, precision: 0 },
        },
        texts.retentionHelp,
      ),
      allowedRoles: field(
        texts.allowedRoles,
        {
          type: 'array',
          'x-component': 'RemoteSelect',
          'x-component-props': {
            mode: 'multiple',
            manual: false,
            fieldNames: { label: 'title', value: 'name' },
            service: { resource: 'roles', params: { pageSize: CHANNEL_SETTING_LIMITS.maxRoles } },
            style: { width: '100%' },
          },
        },
        texts.allowedRolesHelp,
      ),
    },
  };
}
