import { LEVELS, Level } from '../../shared/constants';
import { invalid } from '../services/errors';
import type { MessageInput } from '../services/validation/message-input';
import { WAIT_FOR, WAIT_MODES, WaitFor, WaitMode } from './wait-state';

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
  /** buttons: [{ key, title, style?, url? }], titles and urls with workflow variables */
  actions?: unknown[];
  /** keep the job pending until the receivers read or answer (default none) */
  waitFor?: WaitFor;
  /** any receiver, or all of them (default any) */
  waitMode?: WaitMode;
  /** seconds before the job resolves with status `timeout`; 0 or empty: no limit */
  timeout?: number | null;
  ignoreFail?: boolean;
}

/** Fields that accept workflow variables, in the order their errors are reported. */
export const TEMPLATED_FIELDS = ['receivers', 'title', 'content', 'url', 'actions'] as const;

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

const isToastDuration = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;

const isSeconds = isToastDuration;

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
  if (!isBlank(config.actions) && !Array.isArray(config.actions)) errors.actions = 'must be a list';
  if (!isBlank(config.waitFor) && !WAIT_FOR.includes(config.waitFor as WaitFor)) {
    errors.waitFor = `must be one of ${WAIT_FOR.join(', ')}`;
  }
  if (!isBlank(config.waitMode) && !WAIT_MODES.includes(config.waitMode as WaitMode)) {
    errors.waitMode = `must be one of ${WAIT_MODES.join(', ')}`;
  }
  if (!isBlank(config.timeout) && !isSeconds(config.timeout)) errors.timeout = 'must be a number of seconds, 0 or more';
  if (!isBlank(config.ignoreFail) && typeof config.ignoreFail !== 'boolean') errors.ignoreFail = 'must be true or false';
  return Object.keys(errors).length ? errors : null;
}

/** Pure: the service's input from a resolved config; the toast duration travels in the message options. */
export function toMessageInput(config: InAppMessageNodeConfig): MessageInput {
  const { channelName, receivers, title, content, level, url, toastDuration, actions } = config;
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
    actions,
    options: isBlank(toastDuration) ? {} : { toastDuration },
  };
}

/** What the node waits for, or null when it does not wait (the job resolves as soon as it sent). */
export interface NodeWait {
  waitFor: Exclude<WaitFor, 'none'>;
  waitMode: WaitMode;
  timeoutSeconds: number;
}

/** Pure: the node's waiting settings with their defaults; a wait for an answer needs a button to answer with. */
export function nodeWait(config: InAppMessageNodeConfig): NodeWait | null {
  const waitFor = config.waitFor ?? 'none';
  if (waitFor === 'none') return null;
  if (waitFor === 'response' && !(Array.isArray(config.actions) && config.actions.length)) {
    throw invalid('actions', 'waiting for a response needs at least one button');
  }
  return { waitFor, waitMode: config.waitMode ?? 'any', timeoutSeconds: isSeconds(config.timeout) ? Number(config.timeout) : 0 };
}
