import { BaseNotificationChannel } from '@nocobase/plugin-notification-manager';
import { InboxError } from '../services/errors';
import type { InboxService } from '../services/inbox-service';
import { droppedReason } from '../../shared/channel-settings';

type ChannelSendParams = Parameters<BaseNotificationChannel['send']>[0];

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Fields of a message configured in the notification node / Notification Manager forms. The official in-app
 * plugin's shape is read too: its `options.url` and `options.duration` fill our link and toast duration where
 * ours are not set (ours win), and `options.mobileUrl` stays in the options for the mobile pages.
 */
export function toMessageInput(params: ChannelSendParams) {
  const { message = {}, channel, receivers } = params;
  const { toastDuration, options, url, ...fields } = message as Record<string, any>;
  const base = {
    ...fields,
    channelName: channel.name,
    // manager-level receivers ({ type: 'userId' }) win over the ones configured in the message form
    receivers: receivers?.type === 'userId' ? receivers : fields.receivers,
  };
  // not an object: passed on as it is, for validation to refuse with its name
  if (isSet(options) && !isPlainObject(options)) return { ...base, url, options };
  const { url: officialUrl, duration, ...rest } = (options ?? {}) as Record<string, unknown>;
  const toast = isSet(toastDuration) ? toastDuration : duration;
  return {
    ...base,
    url: isSet(url) ? url : officialUrl,
    options: { ...rest, ...(isSet(toast) ? { toastDuration: toast } : {}) },
  };
}

/**
 * The `in-app-inbox` channel type. notification-manager builds it with `new Channel(app)`, so the class is
 * made around a getter for the plugin's service rather than looking the plugin up by name.
 */
export function createInboxChannel(getInbox: () => InboxService) {
  return class InboxChannel extends BaseNotificationChannel {
    async send(params: ChannelSendParams) {
      try {
        const { dropped } = await getInbox().sendReport(toMessageInput(params), { transaction: params.transaction ?? undefined });
        // the send log keeps only the status and the reason: receivers the channel's roles left out are counted there
        return { message: params.message, status: 'success' as const, ...(dropped ? { reason: droppedReason(dropped) } : {}) };
      } catch (error) {
        if (!(error instanceof InboxError)) throw error;
        return { message: params.message, status: 'failure' as const, reason: error.message };
      }
    }
  };
}
