import { WORKFLOW_ALERT_OPTION } from '../../shared/constants';
import { invalid } from '../services/errors';

/** Who is told when an execution of a workflow fails, and on which channel. */
export interface FailureAlertSetting {
  roleName: string;
  channelName: string;
  /** optionally also through this Notification Manager channel (e.g. email), to the same users */
  alsoChannelName?: string;
}

const isName = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Pure: the setting stored in a workflow's options, or null when there is none (or it is incomplete). */
export function readAlertSetting(options: unknown): FailureAlertSetting | null {
  const stored = isRecord(options) ? options[WORKFLOW_ALERT_OPTION] : undefined;
  if (!isRecord(stored) || !isName(stored.roleName) || !isName(stored.channelName)) return null;
  const setting: FailureAlertSetting = { roleName: stored.roleName, channelName: stored.channelName };
  if (isName(stored.alsoChannelName)) setting.alsoChannelName = stored.alsoChannelName;
  return setting;
}

/**
 * Pure: checks what an admin submits. Both names, or neither to turn the alert off (null); one without
 * the other is a 400 naming the missing field.
 */
export function checkAlertSetting(values: unknown): FailureAlertSetting | null {
  const { roleName, channelName, alsoChannelName } = (values ?? {}) as Record<string, unknown>;
  if (isBlank(roleName) && isBlank(channelName)) return null;
  if (!isName(roleName)) throw invalid('roleName', 'is required with a channel');
  if (!isName(channelName)) throw invalid('channelName', 'is required with a role');
  const setting: FailureAlertSetting = { roleName: roleName.trim(), channelName: channelName.trim() };
  if (isBlank(alsoChannelName)) return setting;
  if (!isName(alsoChannelName)) throw invalid('alsoChannelName', 'must be a channel name');
  if (alsoChannelName.trim() === setting.channelName) throw invalid('alsoChannelName', 'must be another channel');
  return { ...setting, alsoChannelName: alsoChannelName.trim() };
}

/** Pure: a workflow's options with the setting replaced (or removed), every other option kept. */
export function withAlertSetting(options: unknown, setting: FailureAlertSetting | null): Record<string, unknown> {
  const { [WORKFLOW_ALERT_OPTION]: _previous, ...rest } = (options ?? {}) as Record<string, unknown>;
  return setting ? { ...rest, [WORKFLOW_ALERT_OPTION]: setting } : rest;
}
