import type { Database } from '@nocobase/database';
import { Op, Transaction } from 'sequelize';
import { COLLECTIONS } from '../../constants';
import { Counters } from './counters';
import { notFound } from './errors';
import type { InboxMessage } from './inbox-events';
import type { MessageFields } from './message-input';
import { TableSql, chunksBySize } from './sql';

/** Columns every receiver's copy shares: written once per statement, the database copies them per receiver. */
const SHARED = ['channelName', 'title', 'content', 'level', 'url', 'readAt', 'createdAt', 'options'] as const;

/** Receivers per fan-out statement: ids only, so even MariaDB's packet limit is far away. */
const RECEIVERS_PER_STATEMENT = 5000;

/** Pure: the copy one receiver got, built field by field (a spread per row costs more over a big fan-out). */
const receivedCopy = (fields: MessageFields, createdAt: string, id: number, userId: number): InboxMessage => ({
  id,
  userId,
  channelName: fields.channelName,
  title: fields.title,
  content: fields.content,
  level: fields.level,
  url: fields.url,
  readAt: null,
  createdAt,
  options: fields.options,
});

type NewRow = { id: number; userId: number };

export interface MarkResult {
  ids: number[];
  channelNames: string[];
}

/** Every write to a user's messages; each keeps inboxCounters right in the same transaction. */
export class MessageStore {
  private readonly sql: TableSql;
  private readonly users: TableSql;
  readonly counters: Counters;

  constructor(private readonly db: Database) {
    this.sql = new TableSql(db, COLLECTIONS.messages);
    this.users = new TableSql(db, 'users');
    this.counters = new Counters(db);
  }

  private get model() {
    return this.db.getModel(COLLECTIONS.messages);
  }

  /**
   * Fan-out: one message per user as INSERT … SELECT over the receivers' user rows, ids returned. The title and
   * content cross the wire once per statement instead of once per receiver; the database makes the copies.
   */
  async insert(fields: MessageFields, userIds: number[], transaction: Transaction): Promise<InboxMessage[]> {
    const createdAt = new Date();
    const base = { ...fields, readAt: null, createdAt };
    const shared = SHARED.map((a) => this.sql.literal((base as Record<string, unknown>)[a])).join(',');
    const userId = `u.${this.users.column('id')}`;
    const head =
      `INSERT INTO ${this.sql.table()} (${['userId', ...SHARED].map((a) => this.sql.column(a)).join(',')}) ` +
      `SELECT ${userId},${shared} FROM ${this.users.table()} u WHERE ${userId} IN `;
    const counted = this.sql.dialect === 'postgres';
    const createdAtIso = createdAt.toISOString();
    const created: InboxMessage[] = [];
    for (const chunk of chunksBySize(userIds, () => 1, Infinity, RECEIVERS_PER_STATEMENT)) {
      const insert = `${head}(${chunk.map(Number).join(',')}) ORDER BY ${userId}`;
      const rows = counted
        ? await this.insertCounted(insert, fields.channelName, transaction)
        : await this.sql.insertReturning<NewRow>(insert, ['id', 'userId'], transaction);
      for (const row of rows) {
        created.push(receivedCopy(fields, createdAtIso, Number(row.id), Number(row.userId)));
      }
    }
    created.sort((a, b) => a.id - b.id);
    if (!counted) await this.counters.addUnread(created.map((m) => m.id), transaction);
    return created;
  }

  /**
   * PostgreSQL: the insert and its counter upsert as one statement (data-modifying CTEs), the counters fed by the
   * inserted rows themselves: one round trip per chunk and no second read of the new messages.
   */
  private insertCounted(insert: string, channelName: string, transaction: Transaction): Promise<NewRow[]> {
    const [id, userId] = ['id', 'userId'].map((a) => this.db.sequelize.getQueryInterface().quoteIdentifier(a));
    const source = `SELECT ${userId}, ${this.sql.literal(channelName)}, 1, 1, ${id} FROM m`;
    return this.sql.rows<NewRow>(
      `WITH m AS (${insert}${this.sql.returning(['id', 'userId'])}), c AS (${this.counters.unreadUpsert(source)}) ` +
        `SELECT ${id}, ${userId} FROM m`,
      transaction,
    );
  }

  /**
   * The user's own messages among `ids`, with their channels. Any id that is not the user's is answered as
   * not found before anything is written, so a request never half-applies or reveals another user's row.
   */
  private async own(userId: number, ids: number[], transaction: Transaction): Promise<MarkResult> {
    const rows = (await this.model.findAll({
      attributes: ['id', 'channelName'],
      where: { userId, id: { [Op.in]: ids } },
      raw: true,
      transaction,
    })) as unknown as { id: number; channelName: string }[];
    const found = new Set(rows.map((r) => Number(r.id)));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw notFound('filterByTk', `message ${missing} not found`);
    return { ids: [...found], channelNames: [...new Set(rows.map((r) => r.channelName))] };
  }

  async setRead(userId: number, ids: number[], read: boolean, transaction: Transaction): Promise<MarkResult> {
    const target = await this.own(userId, ids, transaction);
    const [changed] = await this.model.update(
      { readAt: read ? new Date() : null },
      {
        where: { userId, id: { [Op.in]: target.ids }, readAt: read ? null : { [Op.ne]: null } },
        transaction,
        hooks: false,
      },
    );
    if (changed) await this.counters.recount(userId, target.channelNames, transaction);
    return target;
  }

  async markAllRead(userId: number, channelName: string | undefined, transaction: Transaction): Promise<number> {
    const where = { userId, readAt: null, ...(channelName ? { channelName } : {}) };
    const [updated] = await this.model.update({ readAt: new Date() }, { where, transaction, hooks: false });
    await this.counters.clearUnread(userId, channelName, transaction);
    return updated;
  }

  async destroy(userId: number, ids: number[], transaction: Transaction): Promise<MarkResult> {
    const target = await this.own(userId, ids, transaction);
    await this.model.destroy({ where: { userId, id: { [Op.in]: target.ids } }, transaction, hooks: false });
    await this.counters.recount(userId, target.channelNames, transaction);
    return target;
  }

  /** Retention: deletes read messages older than `before`, in batches, recounting each touched pair. */
  async purgeReadBefore(before: Date, transaction: Transaction, batch = 5000): Promise<number> {
    let deleted = 0;
    for (;;) {
      const rows = (await this.model.findAll({
        attributes: ['id', 'userId', 'channelName'],
        where: { readAt: { [Op.ne]: null, [Op.lt]: before } },
        limit: batch,
        raw: true,
        transaction,
      })) as unknown as { id: number; userId: number; channelName: string }[];
      if (!rows.length) return deleted;
      await this.model.destroy({ where: { id: { [Op.in]: rows.map((r) => r.id) } }, transaction, hooks: false });
      deleted += rows.length;
      const pairs = new Map<number, Set<string>>();
      rows.forEach((r) => pairs.set(Number(r.userId), (pairs.get(Number(r.userId)) ?? new Set()).add(r.channelName)));
      for (const [userId, channels] of pairs) await this.counters.recount(userId, channels, transaction);
    }
  }
}
