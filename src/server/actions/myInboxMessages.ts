import { RESOURCES } from '../../constants';
import type { RealtimeHub } from '../realtime/realtime-hub';
import { streamAction } from '../realtime/stream-action';
import type { InboxService } from '../services/inbox-service';
import { userAction } from './handle';
import {
  actionKeyParam,
  channelNameParam,
  cursorParam,
  idsParam,
  limitParam,
  messageIdParam,
  pageOf,
  statusParam,
} from './params';

/** The current user's messages: list, count, read state, answers, delete, and their live event stream. */
export const myInboxMessages = (inbox: InboxService, hub: RealtimeHub) => ({
  name: RESOURCES.myMessages,
  actions: {
    list: userAction(async (params, userId) => {
      const limit = limitParam(params);
      const rows = await inbox.queries.messages(userId, {
        channelName: channelNameParam(params),
        status: statusParam(params),
        before: cursorParam(params),
        limit,
      });
      return pageOf(rows, limit, (m) => m.id);
    }),
    count: userAction(async (_params, userId) => {
      const { mutedChannels } = await inbox.preferences.get(userId);
      return inbox.queries.counts(userId, mutedChannels);
    }),
    markRead: userAction(async (params, userId) => ({ ids: await inbox.setRead(userId, idsParam(params), true) })),
    markUnread: userAction(async (params, userId) => ({ ids: await inbox.setRead(userId, idsParam(params), false) })),
    markAllRead: userAction(async (params, userId) => ({
      updated: await inbox.markAllRead(userId, channelNameParam(params)),
    })),
    respond: userAction(async (params, userId) =>
      inbox.respond(userId, messageIdParam(params), actionKeyParam(params)),
    ),
    destroy: userAction(async (params, userId) => ({ ids: await inbox.destroy(userId, idsParam(params)) })),
    stream: streamAction(hub),
  },
});
