import { RESOURCES } from '../../constants';
import type { InboxService } from '../services/inbox-service';
import { userAction } from './handle';
import { cursorParam, limitParam, pageOf, statusParam } from './params';

/** The channels the current user has messages in, newest activity first; the cursor is a message id. */
export const myInboxChannels = (inbox: InboxService) => ({
  name: RESOURCES.myChannels,
  actions: {
    list: userAction(async (params, userId) => {
      const limit = limitParam(params);
      const rows = await inbox.queries.channels(userId, { status: statusParam(params), before: cursorParam(params), limit });
      return pageOf(rows, limit, (c) => c.latestMessage?.id ?? 0);
    }),
  },
});
