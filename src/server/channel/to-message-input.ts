import type { MessageInput } from '../services/validation/message-input';

/**
 * A message as a sender's form holds it: our channel's form in Notification Manager (the stock notification
 * node included) and our workflow node's config. The official in-app plugin's shape is read too: its
 * `options: { url, duration, mobileUrl }`.
 */
export interface MessageForm extends MessageInput {
  /** seconds the toast stays: sent as `options.toastDuration` */
  toastDuration?: unknown;
  /** the link View opens in NocoBase mobile (/m): sent as `options.mobileUrl` */
  mobileUrl?: unknown;
}

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Pure: the service's input from a form. The official `options.url` and `options.duration` fill our link and toast
 * duration where ours are not set (ours win); the mobile link goes to `options.mobileUrl` for the mobile pages
 * (the form's `mobileUrl` wins over one already in the options).
 */
export function toMessageInput(form: MessageForm): MessageInput {
  const { channelName, receivers, title, content, level, url, actions, toastDuration, mobileUrl, options } = form;
  const fields = { channelName, receivers, title, content, level, actions };
  // not an object: passed on as it is, for validation to refuse with its name
  if (isSet(options) && !isPlainObject(options)) return { ...fields, url, options };
  const { url: officialUrl, duration, ...rest } = isPlainObject(options) ? options : {};
  const toast = isSet(toastDuration) ? toastDuration : duration;
  return {
    ...fields,
    url: isSet(url) || !isSet(officialUrl) ? url : officialUrl,
    options: { ...rest, ...(isSet(toast) ? { toastDuration: toast } : {}), ...(isSet(mobileUrl) ? { mobileUrl } : {}) },
  };
}
