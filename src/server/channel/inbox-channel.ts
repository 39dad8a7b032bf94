import { BaseNotificationChannel } from '@nocobase/plugin-notification-manager';
import { InboxError } from '../services/errors';
import type { InboxService } from '../services/inbox-service';

type ChannelSendParams = Parameters<BaseNotificationChannel['send']>[0];

/** Fields of a message configured in the notification node / Notification Manager forms. */
export function toMessageInput(params: ChannelSendParams) {
  const { message = {}, channel, receivers } = params;
  const { toastDuration, options, ...fields } = message as Record<string, any>;
  return {
    ...fields,
    channelName: channel.name,
    // manager-level receivers ({ type: 'userId' }) win over the ones configured in the message form
    receivers: receivers?.type === 'userId' ? receivers : fields.receivers,
    options: { ...(options ?? {}), ...(toastDuration !== undefined && toastDuration !== '' ? { toastDuration } : {}) },
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
        await getInbox().send(toMessageInput(params), { transaction: params.transaction ?? undefined });
        return { message: params.message, status: 'success' as const };
      } catch (error) {
        if (!(error instanceof InboxError)) throw error;
        return { message: params.message, status: 'failure' as const, reason: error.message };
      }
    }
  };
}
