import { RESOURCES } from '../../shared/constants';
import type { RealtimeHub } from '../realtime/realtime-hub';
import type { InboxService } from '../services/inbox-service';
import type { BulkChange } from '../services/store/triage-store';
import { userAction } from './handle';
import { Params, channelNameParam, pageParams } from './params';
import { streamAction } from './stream';

/** The current user's messages: list, count, read state, answers, archive, snooze, delete, and their live event stream. */
export const myInboxMessages = (inbox: InboxService, hub: RealtimeHub) => {
  /** A bulk action: on `values.filter`, every message of that view in one statement (`{ updated }`); else the ids (`{ ids }`). */
  const bulkOr = (change: BulkChange, byIds: (params: Params, userId: number) => Promise<number[]>) =>
    userAction(async (params, userId) => {
      const filter = params.values?.filter;
      if (filter === undefined || filter === null) return { ids: await byIds(params, userId) };
      return { updated: await inbox.bulk(userId, change, filter) };
    });
  return {
    name: RESOURCES.myMessages,
    actions: {
      list: userAction(async (params, userId) => inbox.list(userId, pageParams(params))),
      count: userAction(async (_params, userId) => inbox.counts(userId)),
      markRead: bulkOr('read', (params, userId) => inbox.setRead(userId, params.filterByTk, true)),
      markUnread: bulkOr('unread', (params, userId) => inbox.setRead(userId, params.filterByTk, false)),
      archive: bulkOr('archived', (params, userId) => inbox.archive(userId, params.filterByTk, true)),
      unarchive: bulkOr('unarchived', (params, userId) => inbox.archive(userId, params.filterByTk, false)),
      snooze: userAction(async (params, userId) => ({ ids: await inbox.snooze(userId, params.filterByTk, params.values?.until) })),
      unsnooze: userAction(async (params, userId) => ({ ids: await inbox.unsnooze(userId, params.filterByTk) })),
      markAllRead: userAction(async (params, userId) => ({ updated: await inbox.markAllRead(userId, channelNameParam(params)) })),
      respond: userAction(async (params, userId) => inbox.respond(userId, params.filterByTk, params.values?.action)),
      destroy: bulkOr('deleted', (params, userId) => inbox.destroy(userId, params.filterByTk)),
      stream: streamAction(hub),
    },
  };
};
