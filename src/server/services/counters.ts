import type { Database } from '@nocobase/database';
import type { Transaction } from 'sequelize';
import { COLLECTIONS } from '../../constants';
import { TableSql, chunksBySize } from './sql';

/** Keeps inboxCounters in step with inboxMessages, always inside the writer's transaction. */
export class Counters {
  private readonly sql: TableSql;
  private readonly messageSql: TableSql;

  constructor(private readonly db: Database) {
    this.sql = new TableSql(db, COLLECTIONS.counters);
    this.messageSql = new TableSql(db, COLLECTIONS.messages);
  }

  private get messages() {
    return this.db.getModel(COLLECTIONS.messages);
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
  async addUnread(messageIds: number[], transaction: Transaction): Promise<void> {
    const m = this.messageSql;
    const [userId, channelName, id] = ['userId', 'channelName', 'id'].map((a) => m.column(a));
    const source = `SELECT ${userId}, ${channelName}, 1, 1, ${id} FROM ${m.table()} WHERE ${id} IN `;
    for (const chunk of chunksBySize(messageIds, () => 1, Infinity, 5000)) {
      await this.sql.run(this.unreadUpsert(`${source}(${chunk.map(Number).join(',')})`), transaction);
    }
  }

  /** Recomputes one user's counters for the given channels from the messages themselves. */
  async recount(userId: number, channelNames: Iterable<string>, transaction: Transaction): Promise<void> {
    const Counter = this.db.getModel(COLLECTIONS.counters);
    for (const channelName of new Set(channelNames)) {
      const where = { userId, channelName };
      const totalCount = await this.messages.count({ where, transaction });
      if (totalCount === 0) {
        await Counter.destroy({ where, transaction });
        continue;
      }
      const unreadCount = await this.messages.count({ where: { ...where, readAt: null }, transaction });
      const lastMessageId = Number(await this.messages.max('id', { where, transaction }));
      const values = { unreadCount, totalCount, lastMessageId };
      const [updated] = await Counter.update(values, { where, transaction, hooks: false });
      if (!updated) await Counter.create({ ...where, ...values }, { transaction, hooks: false });
    }
  }

  /** A user read everything (of one channel): no need to count. */
  async clearUnread(userId: number, channelName: string | undefined, transaction: Transaction): Promise<void> {
    const where = channelName ? { userId, channelName } : { userId };
    await this.db.getModel(COLLECTIONS.counters).update({ unreadCount: 0 }, { where, transaction, hooks: false });
  }
}
