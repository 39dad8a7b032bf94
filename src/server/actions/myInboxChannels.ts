import { RESOURCES } from '../../shared/constants';
import type { InboxService } from '../services/inbox-service';
import { userAction } from './handle';
import { limitParam, pageOf } from './params';
import { nextCursor, sortParam, viewCursorParam, viewFilterParam } from './view-params';

/** The channels the current user has messages in, newest activity first; the cursor is a message id. */
export const myInboxChannels = (inbox: InboxService) => ({
  name: RESOURCES.myChannels,
  actions: {
    list: userAction(async (params, userId) => {
      const limit = limitParam(params);
      const sort = sortParam(params);
      // the channel list takes every filter of a view but a channel
      const filter = { ...viewFilterParam(params), channelName: undefined };
      const rows = await inbox.queries.channels(userId, { filter, sort, before: viewCursorParam(params, sort), limit });
      return pageOf(rows, limit, (c) => nextCursor(sort, c.latestMessage?.id ?? 0, c.unreadCount > 0));
    }),
  },
});
