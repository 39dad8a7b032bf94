import { RESOURCES } from '../../shared/constants';
import type { InboxService } from '../services/inbox-service';
import { userAction } from './handle';
import { pageParams } from './params';

/** The channels the current user has messages in, newest activity first; the cursor is a message id. */
export const myInboxChannels = (inbox: InboxService) => ({
  name: RESOURCES.myChannels,
  actions: {
    list: userAction(async (params, userId) => inbox.channelList(userId, pageParams(params))),
  },
});
