import type { Database } from '@nocobase/database';
import { Op, Transaction } from 'sequelize';
import { COLLECTIONS } from '../../constants';
import { Counters } from './counters';
import { notFound } from './errors';
import type { InboxMessage } from './inbox-events';
import type { MessageFields } from './message-input';
import { TableSql, chunksBySize } from './sql';

const INSERTED = ['userId', 'channelName', 'title', 'content', 'level', 'url', 'readAt', 'createdAt', 'options'] as const;

export interface MarkResult {
  ids: number[];
  channelNames: string[];
}

/** Every write to a user's messages; each keeps inboxCounters right in the same transaction. */
export class MessageStore {
  private readonly sql: TableSql;
  readonly counters: Counters;

  constructor(private readonly db: Database) {
    this.sql = new TableSql(db, COLLECTIONS.messages);
    this.counters = new Counters(db);
  }

  private get model() {
    return this.db.getModel(COLLECTIONS.messages);
  }

  /** Fan-out: one message per user, as multi-row INSERTs, ids returned. */
  async insert(fields: MessageFields, userIds: number[], transaction: Transaction): Promise<InboxMessage[]> {
    const createdAt = new Date();
    const base = { ...fields, readAt: null, createdAt };
    const rowBytes = Buffer.byteLength(fields.content) + Buffer.byteLength(fields.title) + 256;
    const created: InboxMessage[] = [];
    for (const chunk of chunksBySize(userIds, () => rowBytes)) {
      const values = chunk.map((userId) => {
        const row: Record<string, unknown> = { ...base, userId };
        return this.sql.tuple(INSERTED.map((a) => row[a]));
      });
      const rows = await this.sql.insertReturning<{ id: number; userId: number }>(
        this.sql.insertHead([...INSERTED]) + values.join(','),
        ['id', 'userId'],
        transaction,
      );
      for (const row of rows) {
        created.push({ ...base, id: Number(row.id), userId: Number(row.userId), createdAt: createdAt.toISOString() });
      }
    }
    created.sort((a, b) => a.id - b.id);
    await this.counters.addUnread(
      created.map((m) => ({ userId: m.userId, channelName: m.channelName, lastMessageId: m.id })),
      transaction,
    );
    return created;
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
