import type { Database } from '@nocobase/database';
import type { Transaction } from 'sequelize';
import { COLLECTIONS } from '../../../shared/constants';
import { Binds, TableSql, chunksBySize } from './sql';

/**
 * Keeps inboxCounters in step with inboxMessages, always inside the writer's transaction. Sends add to the
 * counters in one relative statement; every other change locks the user's counter rows first and then
 * recounts from the messages, so a send committing meanwhile is never lost from the badge.
 */
export class Counters {
  private readonly sql: TableSql;
  private readonly messageSql: TableSql;

  constructor(db: Database) {
    this.sql = new TableSql(db, COLLECTIONS.counters);
    this.messageSql = new TableSql(db, COLLECTIONS.messages);
  }

  /**
   * The upsert that adds one unread message to each (user, channel) pair `source` selects as
   * (userId, channelName, 1, 1, message id); each pair at most once per statement, as one fan-out writes them.
   */
  unreadUpsert(source: string): string {
    const s = this.sql;
    const cols = ['userId', 'channelName', 'unreadCount', 'totalCount', 'lastMessageId'];
    const [unread, total, last] = ['unreadCount', 'totalCount', 'lastMessageId'].map((a) => s.column(a));
    const head = (alias: string) => `INSERT INTO ${s.table()}${alias} (${cols.map((a) => s.column(a)).join(',')}) ${source}`;
    if (s.dialect === 'mysql' || s.dialect === 'mariadb') {
      return (
        `${head('')} ON DUPLICATE KEY UPDATE ${unread} = ${unread} + VALUES(${unread}), ` +
        `${total} = ${total} + VALUES(${total}), ${last} = GREATEST(${last}, VALUES(${last}))`
      );
    }
    return (
      `${head(' AS c')} ON CONFLICT (${s.column('userId')}, ${s.column('channelName')}) DO UPDATE SET ` +
      `${unread} = c.${unread} + excluded.${unread}, ${total} = c.${total} + excluded.${total}, ` +
      `${last} = ${s.dialect === 'sqlite' ? 'MAX' : 'GREATEST'}(c.${last}, excluded.${last})`
    );
  }

  /** New unread messages, read back by id so only their ids cross the wire. */
  async addUnread(messageIds: number[], transaction: Transaction | undefined): Promise<void> {
    const m = this.messageSql;
    const [userId, channelName, id] = ['userId', 'channelName', 'id'].map((a) => m.column(a));
    for (const chunk of chunksBySize(messageIds, () => 1, Infinity, 5000)) {
      const binds = this.sql.binds();
      const source = `SELECT ${userId}, ${channelName}, 1, 1, ${id} FROM ${m.table()} WHERE ${id} IN (${binds.ids(chunk)})`;
      await this.sql.run(this.unreadUpsert(source), binds, transaction);
    }
  }

  /** SQLite: every message above `lastIdBefore`, which the writer holding the database's one write lock just inserted. */
  async addUnreadAfter(lastIdBefore: number, transaction: Transaction | undefined): Promise<void> {
    const m = this.messageSql;
    const [userId, channelName, id] = ['userId', 'channelName', 'id'].map((a) => m.column(a));
    const binds = this.sql.binds();
    const source = `SELECT ${userId}, ${channelName}, 1, 1, ${id} FROM ${m.table()} WHERE ${id} > ${binds.add(lastIdBefore)}`;
    await this.sql.run(this.unreadUpsert(source), binds, transaction);
  }

  /**
   * Locks the counter rows of the user (or users) until the transaction ends, in one fixed order. Changes of one user
   * then queue up behind each other, and a send to that user waits for the change (or the change for the send):
   * what follows reads committed rows.
   */
  async lock(userId: number | number[], transaction: Transaction): Promise<void> {
    const s = this.sql;
    if (s.dialect === 'sqlite') return; // one writer at a time already: our writes queue up (see Transactions)
    const binds = s.binds();
    const users = Array.isArray(userId) ? `IN (${binds.ids(userId)})` : `= ${binds.add(userId)}`;
    await s.rows(
      `SELECT ${s.column('channelName')} FROM ${s.table()} WHERE ${s.column('userId')} ${users} ` +
        `ORDER BY ${s.column('userId')}, ${s.column('channelName')} FOR UPDATE`,
      binds,
      transaction,
    );
  }

  /**
   * Recomputes one user's counters (of the given channels, or all) from the messages in one statement, then drops
   * the pairs left without messages. Call `lock` first in the same transaction.
   */
  async recount(userId: number, channelNames: Iterable<string> | undefined, transaction: Transaction): Promise<void> {
    const s = this.sql;
    const binds = s.binds();
    const names = channelNames ? [...new Set(channelNames)] : undefined;
    if (names && !names.length) return;
    const channels = names ? ` AND ${s.column('channelName')} IN (${names.map((name) => binds.add(name)).join(',')})` : '';
    await this.recountWhere(`${s.column('userId')} = ${binds.add(userId)}${channels}`, binds, transaction);
  }

  /** The same for many (user, channel) pairs at once, as a retention batch leaves them. Call `lock` first with their users. */
  async recountPairs(pairs: [userId: number, channelName: string][], transaction: Transaction): Promise<void> {
    if (!pairs.length) return;
    const s = this.sql;
    const binds = s.binds();
    const list = pairs.map(([userId, channelName]) => `(${binds.add(userId)},${binds.add(channelName)})`).join(',');
    // the users first: MariaDB finds the rows of a row-value IN list by scanning the table, but a user id list by index
    const users = `${s.column('userId')} IN (${[...new Set(pairs.map(([userId]) => userId))].map((id) => binds.add(id)).join(',')})`;
    await this.recountWhere(`${users} AND (${s.column('userId')},${s.column('channelName')}) IN (${list})`, binds, transaction);
  }

  private async recountWhere(condition: string, binds: Binds, transaction: Transaction): Promise<void> {
    const s = this.sql;
    const m = this.messageSql;
    const ofPair =
      `FROM ${m.table()} m${m.useIndex(['userId', 'channelName', 'id'])} WHERE m.${m.column('userId')} = ${s.table()}.${s.column('userId')} ` +
      `AND m.${m.column('channelName')} = ${s.table()}.${s.column('channelName')}`;
    // archived and snoozed messages are in no count and no channel summary
    const visible = `${ofPair} AND m.${m.column('archivedAt')} IS NULL AND m.${m.column('snoozedUntil')} IS NULL`;
    const where = `WHERE ${condition}`;
    await s.run(
      `UPDATE ${s.table()} SET ` +
        `${s.column('unreadCount')} = (SELECT COUNT(*) ${visible} AND m.${m.column('readAt')} IS NULL), ` +
        `${s.column('totalCount')} = (SELECT COUNT(*) ${visible}), ` +
        `${s.column('lastMessageId')} = COALESCE((SELECT MAX(m.${m.column('id')}) ${visible}), 0) ${where}`,
      binds,
      transaction,
    );
    // a pair whose messages are all put aside keeps its row: unarchiving or a snooze ending recounts it
    await s.run(
      `DELETE FROM ${s.table()} ${where} AND ${s.column('totalCount')} = 0 AND NOT EXISTS (SELECT 1 ${ofPair})`,
      binds,
      transaction,
    );
  }
}
