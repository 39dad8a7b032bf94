import Joi from 'joi';
import { LEVELS, Level } from '../../shared/constants';
import type { MessageForm } from '../channel/to-message-input';
import { invalid } from '../services/errors';
import { WAIT_FOR, WAIT_MODES, WaitFor, WaitMode } from './wait-state';

/** The `in-app-message` node's config, as the workflow designer saves it (variables still unresolved). */
export interface InAppMessageNodeConfig extends MessageForm {
  channelName?: string;
  receivers?: unknown[];
  title?: string;
  content?: string;
  level?: Level;
  url?: string;
  /** the link View opens in NocoBase mobile (/m); empty: `url` */
  mobileUrl?: string;
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
export const TEMPLATED_FIELDS = ['receivers', 'title', 'content', 'url', 'mobileUrl', 'actions'] as const;

/** An empty form field (null, '') counts as not set. */
const optional = (schema: Joi.Schema) => schema.empty(Joi.valid(null, ''));

const seconds = optional(Joi.number().min(0));

/**
 * The types of what is set, so a half-filled draft can be saved from the designer; what a message needs (a
 * channel, receivers, a title) is checked when the node runs, where the reason lands on the job. Not converted
 * ("5" is not a number): the engine runs the config as saved. Messages name no label: the key names the field.
 */
export const nodeConfigSchema = Joi.object({
  channelName: optional(Joi.string()),
  receivers: optional(Joi.array()),
  title: optional(Joi.string()),
  content: optional(Joi.string()),
  level: optional(Joi.string().valid(...LEVELS)),
  url: optional(Joi.string()),
  mobileUrl: optional(Joi.string()),
  toastDuration: seconds,
  actions: optional(Joi.array()),
  waitFor: optional(Joi.string().valid(...WAIT_FOR)),
  waitMode: optional(Joi.string().valid(...WAIT_MODES)),
  timeout: seconds,
  ignoreFail: optional(Joi.boolean()),
}).prefs({ convert: false, errors: { label: false } });

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Pure: the config as the schema takes it when the node runs (or is test run), or a 400 naming its first bad field. */
export function checkNodeConfig(config: unknown): InAppMessageNodeConfig {
  if (!isPlainObject(config)) throw invalid('config', 'must be the node config');
  const detail = nodeConfigSchema.validate(config, { allowUnknown: true }).error?.details[0];
  if (detail) throw invalid(detail.path.join('.'), detail.message);
  return config as InAppMessageNodeConfig; // the schema checked each field's type
}

/** What the node waits for, or null when it does not wait (the job resolves as soon as it sent). */
export interface NodeWait {
  waitFor: Exclude<WaitFor, 'none'>;
  waitMode: WaitMode;
  timeoutSeconds: number;
}

/** Pure: the node's waiting settings with their defaults; a wait for an answer needs a button to answer with. */
export function nodeWait(config: InAppMessageNodeConfig): NodeWait | null {
  const waitFor = config.waitFor || 'none';
  if (waitFor === 'none') return null;
  if (waitFor === 'response' && !(Array.isArray(config.actions) && config.actions.length)) {
    throw invalid('actions', 'waiting for a response needs at least one button');
  }
  return { waitFor, waitMode: config.waitMode || 'any', timeoutSeconds: typeof config.timeout === 'number' ? config.timeout : 0 };
}
