import { LEVELS, Level } from '../../constants';
import { invalid } from '../services/errors';
import type { MessageInput } from '../services/message-input';

/** The `in-app-message` node's config, as the workflow designer saves it (variables still unresolved). */
export interface InAppMessageNodeConfig {
  channelName?: string;
  receivers?: unknown[];
  title?: string;
  content?: string;
  level?: Level;
  url?: string;
  /** seconds the toast stays; 0 keeps it until closed, empty uses the reader's default */
  toastDuration?: number | null;
  ignoreFail?: boolean;
}

/** Fields that accept workflow variables, in the order their errors are reported. */
export const TEMPLATED_FIELDS = ['receivers', 'title', 'content', 'url'] as const;

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

const isToastDuration = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * Pure: checks the types of what is set, so a half-filled draft can be saved from the designer; what a
 * message needs (a channel, receivers, a title) is checked when the node runs, where the reason lands on the job.
 */
export function validateNodeConfig(config: Record<string, unknown>): Record<string, string> | null {
  const errors: Record<string, string> = {};
  for (const field of ['channelName', 'title', 'content', 'url'] as const) {
    if (!isBlank(config[field]) && typeof config[field] !== 'string') errors[field] = 'must be a string';
  }
  if (!isBlank(config.receivers) && !Array.isArray(config.receivers)) errors.receivers = 'must be a list';
  if (!isBlank(config.level) && !LEVELS.includes(config.level as Level)) {
    errors.level = `must be one of ${LEVELS.join(', ')}`;
  }
  if (!isBlank(config.toastDuration) && !isToastDuration(config.toastDuration)) {
    errors.toastDuration = 'must be a number of seconds, 0 or more';
  }
  if (!isBlank(config.ignoreFail) && typeof config.ignoreFail !== 'boolean') errors.ignoreFail = 'must be true or false';
  return Object.keys(errors).length ? errors : null;
}

/** Pure: the service's input from a resolved config; the toast duration travels in the message options. */
export function toMessageInput(config: InAppMessageNodeConfig): MessageInput {
  const { channelName, receivers, title, content, level, url, toastDuration } = config;
  if (!isBlank(toastDuration) && !isToastDuration(toastDuration)) {
    throw invalid('toastDuration', 'must be a number of seconds, 0 or more');
  }
  return {
    channelName,
    receivers,
    title,
    content,
    level,
    url,
    options: isBlank(toastDuration) ? {} : { toastDuration },
  };
}
