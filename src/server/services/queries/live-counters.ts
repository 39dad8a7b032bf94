import type { Database } from '@nocobase/database';
import { COLLECTIONS } from '../../../shared/constants';
import { PendingCounts } from '../store/pending-counts';
import { TableSql } from '../store/sql';
import { userIndex } from './view-filter';

/** The columns of `liveCountersSql`'s rows, named as the counters' attributes. */
export const LIVE_COLUMNS = ['userId', 'channelName', 'unreadCount', 'totalCount', 'lastMessageId'] as const;

/**
 * SQL of a table of per (user, channel) counts as they are now: inboxCounters plus the visible messages of sends not
 * folded into it yet (PendingCounts), one statement, so a read never sees a send twice or not at all. `users` gives
 * the condition on a user id column (as SQL) that picks the users read. Without pending sends, the second part reads
 * no row (see PendingCounts.holds).
 */
export function liveCountersSql(db: Database, users: (userIdColumn: string) => string): string {
  const c = new TableSql(db, COLLECTIONS.counters);
  const m = new TableSql(db, COLLECTIONS.messages);
  const q = (name: string) => c.quote(name);
  const [userId, channelName, unread, total, last] = LIVE_COLUMNS.map(q);
  const counted = `SELECT ${LIVE_COLUMNS.map((a) => `c.${c.column(a)} AS ${q(a)}`).join(', ')} FROM ${c.table()} c WHERE ${users(`c.${c.column('userId')}`)}`;
  const id = `m.${m.column('id')}`;
  const pending =
    `SELECT m.${m.column('userId')}, m.${m.column('channelName')}, CASE WHEN m.${m.column('readAt')} IS NULL THEN 1 ELSE 0 END, 1, ${id} ` +
    `FROM ${m.table()} m${m.useIndex(userIndex(db.sequelize.getDialect()))} WHERE ${users(`m.${m.column('userId')}`)} ` +
    `AND m.${m.column('archivedAt')} IS NULL AND m.${m.column('snoozedUntil')} IS NULL AND ${new PendingCounts(db).holds(id)}`;
  return (
    `SELECT x.${userId} AS ${userId}, x.${channelName} AS ${channelName}, SUM(x.${unread}) AS ${unread}, ` +
    `SUM(x.${total}) AS ${total}, MAX(x.${last}) AS ${last} FROM (${counted} UNION ALL ${pending}) x ` +
    `GROUP BY x.${userId}, x.${channelName}`
  );
}
