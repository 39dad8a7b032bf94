import { LEVELS, Level } from './constants';

/**
 * What an admin sets on one of our channels (Notification Manager → the channel's form), kept in the channel's
 * `options`. The server enforces it on every send; the form edits it.
 */
export interface ChannelSettings {
  /** users cannot mute the channel, and its toasts always show */
  important: boolean;
  /** the level of a message that names none */
  defaultLevel: Level | null;
  /** seconds a toast stays when the message names no duration (0: until closed) */
  toastDuration: number | null;
  /** read messages of this channel are kept this many days instead of the app-wide setting (0: kept) */
  retentionDays: number | null;
  /** only users holding one of these roles receive; empty: everyone */
  allowedRoles: string[];
}

export const CHANNEL_SETTING_LIMITS = { maxToastSeconds: 600, maxRetentionDays: 3650, maxRoles: 100 } as const;

const wholeIn = (value: unknown, max: number): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max ? value : null;

/** Pure: a channel's settings from its options; anything unset or malformed reads as not set. */
export function channelSettingsOf(options: unknown): ChannelSettings {
  const o = (typeof options === 'object' && options !== null ? options : {}) as Record<string, unknown>;
  const roles = Array.isArray(o.allowedRoles) ? o.allowedRoles : [];
  const toast = o.toastDuration;
  return {
    important: o.important === true,
    defaultLevel: LEVELS.includes(o.defaultLevel as Level) ? (o.defaultLevel as Level) : null,
    toastDuration:
      typeof toast === 'number' && toast >= 0 && toast <= CHANNEL_SETTING_LIMITS.maxToastSeconds ? toast : null,
    retentionDays: wholeIn(o.retentionDays, CHANNEL_SETTING_LIMITS.maxRetentionDays),
    allowedRoles: roles
      .filter((role): role is string => typeof role === 'string' && role !== '')
      .slice(0, CHANNEL_SETTING_LIMITS.maxRoles),
  };
}

/** The send log's note on a send some receivers of which the channel's allowed roles left out. */
export const droppedReason = (dropped: number) => `${dropped} receiver(s) dropped: no role the channel allows`;
