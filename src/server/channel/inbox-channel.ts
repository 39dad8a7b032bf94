import { BaseNotificationChannel } from '@nocobase/plugin-notification-manager';
import { InboxError } from '../services/errors';
import type { InboxService } from '../services/inbox-service';
import { droppedReason } from '../../shared/channel-settings';
import { MessageForm, toMessageInput } from './to-message-input';

type ChannelSendParams = Parameters<BaseNotificationChannel<MessageForm>['send']>[0];

/** Pure: the form of a send through the manager, on this channel, to the manager's receivers when it names users. */
function channelForm({ message, channel, receivers }: ChannelSendParams): MessageForm {
  // manager-level receivers ({ type: 'userId' }) win over the ones configured in the message form
  return { ...message, channelName: channel.name, receivers: receivers?.type === 'userId' ? receivers : message?.receivers };
}

/**
 * The `in-app-inbox` channel type. notification-manager builds it with `new Channel(app)`, so the class is
 * made around a getter for the plugin's service rather than looking the plugin up by name.
 */
export function createInboxChannel(getInbox: () => InboxService) {
  return class InboxChannel extends BaseNotificationChannel<MessageForm> {
    async send(params: ChannelSendParams) {
      try {
        const input = toMessageInput(channelForm(params));
        const { dropped } = await getInbox().sendReport(input, { transaction: params.transaction ?? undefined });
        // the send log keeps only the status and the reason: receivers the channel's roles left out are counted there
        return { message: params.message, status: 'success' as const, ...(dropped ? { reason: droppedReason(dropped) } : {}) };
      } catch (error) {
        if (!(error instanceof InboxError)) throw error;
        return { message: params.message, status: 'failure' as const, reason: error.message };
      }
    }
  };
}
