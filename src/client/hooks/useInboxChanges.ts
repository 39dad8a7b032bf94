import { BulkChange, viewParams } from '../api';
import type { InboxEvent } from '../stream/inbox-event';
import type { InboxChange } from '../../shared/contract';
import type { InboxLive, InboxParts } from './inbox-hook-types';

const BULK_CHANGES: Record<BulkChange, InboxChange['change']> = {
  markRead: 'read',
  markUnread: 'unread',
  archive: 'archived',
  unarchive: 'unarchived',
  destroy: 'deleted',
};

/**
 * What the user does to messages: applied here at once, asked of the server, then told to the other tabs; a refusal
 * reads the truth again (`resync`: the counts and the open lists).
 */
export function useInboxChanges({ requests, dispatch, now, live, resync }: InboxParts & { live: InboxLive; resync: () => void }) {
  const change = async (local: Omit<InboxChange, 'userId'>, send: () => Promise<unknown>) => {
    const event: InboxEvent = { type: 'update', change: { userId: 0, ...local } };
    dispatch({ type: 'changed', change: event.change, at: new Date().toISOString() });
    try {
      await send();
      live.publish(event);
    } catch (error) {
      now.current.onError?.(error);
      resync();
    }
  };

  return {
    setRead: (ids: number[], read: boolean) =>
      change({ change: read ? 'read' : 'unread', ids }, () => (read ? requests.markRead(ids) : requests.markUnread(ids))),
    markAllRead: (channelName: string | null) =>
      change({ change: 'read', ids: [], all: true, ...(channelName ? { channelName } : {}) }, () =>
        requests.markAllRead(channelName),
      ),
    remove: (ids: number[]) => change({ change: 'deleted', ids }, () => requests.destroy(ids)),
    /** Archives (or, in the archive, brings back) messages. */
    archive: (ids: number[], archived: boolean) =>
      change({ change: archived ? 'archived' : 'unarchived', ids }, () => requests.archive(ids, archived)),
    snooze: (ids: number[], until: Date) => change({ change: 'snoozed', ids }, () => requests.snooze(ids, until)),
    /** Acts on every message of the current view, loaded or not, in one request; the lists are read again after. */
    bulk: (bulkChange: BulkChange) => {
      const { filter, selected, search } = now.current.state;
      const viewFilter = viewParams({ status: filter, channelName: selected, search });
      return change({ change: BULK_CHANGES[bulkChange], ids: [], filter: viewFilter as unknown as InboxChange['filter'] }, async () => {
        await requests.bulk(bulkChange, viewFilter);
        resync();
      });
    },
    /** The user clicked a message's button: shown answered at once; a refused answer (409) reloads the truth. */
    respond: (id: number, action: string) =>
      change({ change: 'responded', ids: [id], response: { action, at: new Date().toISOString() } }, () =>
        requests.respond(id, action),
      ),
  };
}
