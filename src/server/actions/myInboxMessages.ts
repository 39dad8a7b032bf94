import { RESOURCES } from '../../shared/constants';
import type { RealtimeHub } from '../realtime/realtime-hub';
import { streamAction } from '../realtime/stream-action';
import type { InboxService } from '../services/inbox-service';
import { userAction } from './handle';
import type { BulkChange } from '../services/store/triage-store';
import { Params, actionKeyParam, channelNameParam, idsParam, limitParam, messageIdParam, pageOf } from './params';
import { bulkFilterParam, nextCursor, snoozeUntilParam, sortParam, viewCursorParam, viewFilterParam } from './view-params';

/** The current user's messages: list, count, read state, answers, archive, snooze, delete, and their live event stream. */
export const myInboxMessages = (inbox: InboxService, hub: RealtimeHub) => {
  /** A bulk action: on `values.filter`, every message of that view in one statement (`{ updated }`); else the ids (`{ ids }`). */
  const bulkOr = (change: BulkChange, byIds: (params: Params, userId: number) => Promise<number[]>) =>
    userAction(async (params, userId) => {
      const filter = bulkFilterParam(params);
      return filter ? { updated: await inbox.bulk(userId, change, filter) } : { ids: await byIds(params, userId) };
    });
  return {
  name: RESOURCES.myMessages,
  actions: {
    list: userAction(async (params, userId) => {
      const limit = limitParam(params);
      const sort = sortParam(params);
      const filter = viewFilterParam(params);
      const rows = await inbox.queries.messages(userId, { filter, sort, before: viewCursorParam(params, sort), limit });
      return pageOf(rows, limit, (m) => nextCursor(sort, m.id, m.readAt === null));
    }),
    count: userAction(async (_params, userId) => {
      const { mutedChannels } = await inbox.preferences.get(userId);
      return inbox.queries.counts(userId, mutedChannels);
    }),
    markRead: bulkOr('read', (params, userId) => inbox.setRead(userId, idsParam(params), true)),
    markUnread: bulkOr('unread', (params, userId) => inbox.setRead(userId, idsParam(params), false)),
    archive: bulkOr('archived', (params, userId) => inbox.archive(userId, idsParam(params), true)),
    unarchive: userAction(async (params, userId) => ({ ids: await inbox.archive(userId, idsParam(params), false) })),
    snooze: userAction(async (params, userId) => ({
      ids: await inbox.snooze(userId, idsParam(params), snoozeUntilParam(params)),
    })),
    unsnooze: userAction(async (params, userId) => ({ ids: await inbox.snooze(userId, idsParam(params), null) })),
    markAllRead: userAction(async (params, userId) => ({
      updated: await inbox.markAllRead(userId, channelNameParam(params)),
    })),
    respond: userAction(async (params, userId) =>
      inbox.respond(userId, messageIdParam(params), actionKeyParam(params)),
    ),
    destroy: bulkOr('deleted', (params, userId) => inbox.destroy(userId, idsParam(params))),
    stream: streamAction(hub),
  },
  };
};
