import type { Database, Model } from '@nocobase/database';
import Joi from 'joi';
import { CHANNEL_SETTING_LIMITS } from '../../shared/channel-settings';
import { CHANNEL_TYPE, LEVELS } from '../../shared/constants';
import { invalid } from '../services/errors';

/** An empty form field (null, '') counts as not set. */
const optional = (schema: Joi.Schema) => schema.empty(Joi.valid(null, ''));

const wholeDays = Joi.number().integer().min(0).max(CHANNEL_SETTING_LIMITS.maxRetentionDays);

/**
 * What an admin may store in one of our channels' `options` (see `ChannelSettings`). Keys of other plugins or of
 * a later version pass through; ours must have their type and range, or the save is refused naming the field.
 */
export const channelSettingsSchema = Joi.object({
  important: optional(Joi.boolean()),
  defaultLevel: optional(Joi.string().valid(...LEVELS)),
  toastDuration: optional(Joi.number().min(0).max(CHANNEL_SETTING_LIMITS.maxToastSeconds)),
  retentionDays: optional(wholeDays),
  allowedRoles: optional(Joi.array().items(Joi.string().min(1)).max(CHANNEL_SETTING_LIMITS.maxRoles)),
})
  .unknown(true)
  .prefs({ convert: false, errors: { label: false } });

/** Pure: a 400 naming the first bad setting of a channel's options, or nothing when they hold. */
export function checkChannelSettings(options: unknown): void {
  if (options === null || options === undefined) return;
  const detail = channelSettingsSchema.validate(options).error?.details[0];
  if (detail) throw invalid(['options', ...detail.path].join('.'), detail.message);
}

/**
 * Notification Manager saves channels through its own collection: our channels' settings are checked before that
 * save, so a bad value is a 400 in the admin's form rather than a setting every send silently ignores.
 */
export const checkChannelOnSave = (db: Database) => async (channel: Model): Promise<void> => {
  if (channel.get('notificationType') !== CHANNEL_TYPE) return;
  const options = channel.get('options');
  checkChannelSettings(options);
  const roles: string[] = options?.allowedRoles ?? [];
  if (!roles.length) return;
  const known = await db.getRepository('roles').find({ filter: { name: roles }, fields: ['name'] });
  const names = new Set(known.map((role: Model) => role.get('name') as string));
  const missing = roles.find((role) => !names.has(role));
  if (missing) throw invalid('options.allowedRoles', `no role named "${missing}"`);
};
