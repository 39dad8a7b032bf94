import type { Database } from '@nocobase/database';
import { Op, Transaction, WhereOptions } from 'sequelize';
import { COLLECTIONS } from '../../../shared/constants';
import { Counters, DeletedMessage, IdSpan } from './counters';
import { conflict, invalid, notFound } from '../errors';
import type { MessageFields } from '../validation/message-input';
import type { MessageReads, OwnMessages } from '../queries/message-reads';
import { toMessage } from './serialize';
import { Binds, TableSql, chunksBySize } from './sql';
import type { InboxMessage } from '../../../shared/contract';
import { RAW_READ } from './raw-reads';
import { isAscending, uniqueAscending } from './id-order';
import { consecutiveInsertIds } from './server-settings';

/** Columns every receiver's copy shares: written once per statement, the database copies them per receiver. */
const SHARED = ['channelName', 'title', 'content', 'level', 'url', 'readAt', 'createdAt', 'options', 'actions'] as const;

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
  actions: fields.actions,
  response: null,
});

type NewRow = { id: number; userId: number };

/**
 * Takes each new row of a fan-out as it is learnt. The copies are built from it straight away: collecting the pairs
 * first and spreading them into one list cost a send to 50,000 users several times the copies' own time.
 */
type EachRow = (id: number, userId: number) => void;

/** The (id, userId) pairs of two comma lists written side by side (null: none), each handed to `each`. */
export function forEachPair(ids: string | null, users: string | null, each: EachRow): void {
  if (!ids || !users) return;
  const userIds = users.split(',');
  ids.split(',').forEach((id, i) => each(Number(id), Number(userIds[i])));
}

/** What one fan-out statement wrote, as the driver reports it: its receivers, its rows' count and first id. */
type InsertedRun = { receivers: number[]; firstId: number; changes: number };

/** Pure: the ids a statement wrote, first to last (none when it wrote no row). */
const spanOf = (run: InsertedRun) => (run.changes > 0 ? { from: run.firstId, to: run.firstId + run.changes - 1 } : undefined);

/**
 * How a fan-out learns its new ids and registers them for the counters: PostgreSQL in the insert's own WITH; SQLite
 * under its write lock, and MySQL/MariaDB when InnoDB gives a statement consecutive ids, from the first id and the
 * count the driver reports (RETURNING doubles a big insert's cost on SQLite, and adds 1.0–1.7 ms to MariaDB's insert to
 * 1,000 receivers); else RETURNING.
 */
type WriteWay = 'counted' | 'idsFromFirst' | 'returning';

export interface RespondResult {
  message: InboxMessage;
  /** false when the same answer was already recorded */
  changed: boolean;
}

export interface PurgeBatch {
  lastId: number;
  deleted: number;
}

/** The ids a retention batch walks: above `after`, up to `upTo` (the newest id when the purge began). */
export interface IdRange {
  after: number;
  upTo: number;
}

/** Some channels only, or every channel but some (a retention purge with per-channel overrides). */
export type ChannelScope = { in: string[] } | { notIn: string[] };

/** Pure: the where of a channel scope; an empty `notIn` is every channel (sequelize would make it match none). */
const channelWhere = (scope?: ChannelScope) => {
  if (!scope) return {};
  if ('in' in scope) return { channelName: { [Op.in]: scope.in } };
  return scope.notIn.length ? { channelName: { [Op.notIn]: scope.notIn } } : {};
};

/** Every write to a user's messages; each keeps inboxCounters right in the same transaction. */
export class MessageStore {
  private readonly sql: TableSql;
  private readonly users: TableSql;
  private readonly roles: TableSql;
  readonly counters: Counters;

  constructor(
    private readonly db: Database,
    private readonly reads: MessageReads,
  ) {
    this.sql = new TableSql(db, COLLECTIONS.messages);
    this.users = new TableSql(db, 'users');
    this.roles = new TableSql(db, 'rolesUsers');
    this.counters = new Counters(db);
  }

  private get model() {
    return this.db.getModel(COLLECTIONS.messages);
  }

  /** SQLite: one write transaction at a time, and ours queue up for it (see Transactions). */
  get oneWriter(): boolean {
    return this.sql.dialect === 'sqlite';
  }

  /**
   * Whether `insert` to this many receivers is one statement (PostgreSQL: the messages and their counters in one
   * WITH, up to RECEIVERS_PER_STATEMENT receivers), which the database runs atomically without a transaction.
   */
  isOneStatement(receivers: number): boolean {
    return this.sql.dialect === 'postgres' && receivers <= RECEIVERS_PER_STATEMENT;
  }

  /**
   * Fan-out: one message per user as INSERT … SELECT over the receivers' user rows, ids returned. The title and
   * content cross the wire once per statement instead of once per receiver; the database makes the copies. With
   * `allowedRoles`, only users holding one of them get it (checked in the same statement). Without a transaction
   * only when `isOneStatement`. `exclusive`: the transaction is the inbox's own, which on SQLite holds the write lock.
   */
  async insert(
    fields: MessageFields,
    userIds: number[],
    allowedRoles: string[],
    transaction?: Transaction,
    exclusive = false,
  ): Promise<InboxMessage[]> {
    const createdAt = new Date();
    const base: Record<string, unknown> = { ...fields, readAt: null, createdAt };
    const way = await this.writeWay(exclusive);
    const createdAtIso = createdAt.toISOString();
    // ascending: the order the rows are inserted in, which the SQLite path relies on
    const receivers = uniqueAscending(userIds);
    const created: InboxMessage[] = [];
    const each: EachRow = (id, userId) => void created.push(receivedCopy(fields, createdAtIso, id, userId));
    const written: InsertedRun[] = [];
    for (const chunk of chunksBySize(receivers, () => 1, Infinity, RECEIVERS_PER_STATEMENT)) {
      const binds = this.sql.binds();
      const shared = SHARED.map((a) => binds.column(a, base[a])).join(',');
      const userId = `u.${this.users.column('id')}`;
      const insert =
        `INSERT INTO ${this.sql.table()} (${['userId', ...SHARED].map((a) => this.sql.column(a)).join(',')}) ` +
        `SELECT ${userId},${shared} FROM ${this.users.table()} u WHERE ${userId} IN (${binds.ids(chunk)})` +
        `${this.holdingAny(allowedRoles, userId, binds)} ORDER BY ${userId}`;
      if (way === 'counted') await this.insertCounted(insert, binds, transaction, each);
      else if (way === 'returning') await this.insertThenCount(insert, binds, transaction, each);
      else written.push({ receivers: chunk, ...(await this.sql.insertReport(insert, binds, transaction)) });
    }
    if (way === 'idsFromFirst') await this.countEach(written, transaction);
    await this.insertedIn(written, transaction, each);
    return isAscending(created, (message) => message.id) ? created : created.sort((a, b) => a.id - b.id);
  }

  /**
   * This database's WriteWay. SQLite trusts the reported ids only in a transaction of our own (IMMEDIATE, queued),
   * where no other write can come between our statements.
   */
  private async writeWay(exclusive: boolean): Promise<WriteWay> {
    if (this.sql.dialect === 'postgres') return 'counted';
    if (this.sql.dialect === 'sqlite') return exclusive ? 'idsFromFirst' : 'returning';
    return (await consecutiveInsertIds(this.db)) ? 'idsFromFirst' : 'returning';
  }

  /**
   * The counting of the statements' rows, a range each (SQLite under its write lock, MySQL/MariaDB with consecutive
   * ids): another send's rows may lie between two statements' ranges.
   */
  private async countEach(written: InsertedRun[], transaction: Transaction | undefined) {
    const spans = written.map(spanOf).filter((span): span is IdSpan => span !== undefined);
    await this.counters.addUnreadSpans(spans, transaction);
  }

  /**
   * The (id, user) pairs of the rows the statements wrote, without RETURNING. Rows go in in ascending user order with
   * consecutive ascending ids, so when a statement wrote a row for every one of its receivers its pairs are known
   * without reading them; otherwise (a missing user, a role check) its range is read back.
   */
  private async insertedIn(written: InsertedRun[], transaction: Transaction | undefined, each: EachRow) {
    const [id, userId] = ['id', 'userId'].map((a) => this.sql.column(a));
    for (const run of written) {
      const span = spanOf(run);
      if (!span) continue;
      if (run.changes === run.receivers.length) {
        run.receivers.forEach((receiver, i) => each(run.firstId + i, receiver));
        continue;
      }
      const binds = this.sql.binds();
      const rows = await this.sql.rows<NewRow>(
        `SELECT ${id} AS id, ${userId} AS ${this.sql.quote('userId')} FROM ${this.sql.table()} ` +
          `WHERE ${id} BETWEEN ${binds.add(span.from)} AND ${binds.add(span.to)} ORDER BY ${id}`,
        binds,
        transaction,
      );
      rows.forEach((row) => each(Number(row.id), Number(row.userId)));
    }
  }

  /** The condition that the user `userId` names holds one of `roles` (none when any user may receive). */
  private holdingAny(roles: string[], userId: string, binds: Binds): string {
    if (!roles.length) return '';
    const r = this.roles;
    const names = [...new Set(roles)].map((role) => binds.add(role)).join(',');
    return ` AND EXISTS (SELECT 1 FROM ${r.table()} r WHERE r.${r.column('userId')} = ${userId} AND r.${r.column('roleName')} IN (${names}))`;
  }

  /**
   * PostgreSQL: the insert and its counting as one statement (data-modifying CTEs), fed by the inserted rows
   * themselves: one round trip per chunk and no second read of the new messages. The rows are counted as one pending
   * range when their ids fill it; else (another send drew ids from the sequence meanwhile) each adds to its counter.
   */
  private async insertCounted(insert: string, binds: Binds, transaction: Transaction | undefined, each: EachRow) {
    const [id, userId, channelName] = ['id', 'userId', 'channelName'].map((a) => this.sql.quote(a));
    const filled = `(SELECT MAX(${id}) - MIN(${id}) + 1 = COUNT(*) FROM m)`;
    const range = this.counters.pending.insertFrom(`SELECT MIN(${id}), MAX(${id}) FROM m HAVING ${filled}`);
    const source = `SELECT ${userId}, ${channelName}, 1, 1, ${id} FROM m WHERE NOT ${filled}`;
    // the pairs as two lists in one row (both aggregates read m in the same order): parsing 10,000 rows of the
    // driver's protocol cost a send to 10,000 users more than splitting two strings
    const list = (column: string) => `string_agg(CAST(${column} AS text), ',')`;
    const [row] = await this.sql.rows<{ ids: string | null; users: string | null }>(
      `WITH m AS (${insert}${this.sql.returning(['id', 'userId', 'channelName'])}), ` +
        `p AS (${range}), c AS (${this.counters.addingUpsert(source)}) ` +
        `SELECT ${list(id)} AS ids, ${list(userId)} AS users FROM m`,
      binds,
      transaction,
    );
    forEachPair(row?.ids ?? null, row?.users ?? null, each);
  }

  /**
   * MySQL/MariaDB, or SQLite inside a caller's transaction: the insert with RETURNING, then its counters. Counted
   * statement by statement: each one's ids fill a range, which the counters read faster than a list, while the ids of
   * two statements may not (MariaDB reserves auto-increment values ahead and skips the rest).
   */
  private async insertThenCount(insert: string, binds: Binds, transaction: Transaction | undefined, each: EachRow) {
    const inserted = await this.sql.insertReturning<NewRow>(insert, binds, ['id', 'userId'], transaction);
    await this.counters.addUnread(inserted.map((row) => Number(row.id)), transaction);
    inserted.forEach((row) => each(Number(row.id), Number(row.userId)));
  }

  async setRead(userId: number, ids: number[], read: boolean, transaction: Transaction): Promise<OwnMessages> {
    await this.counters.lock(userId, transaction);
    const target = await this.reads.own(userId, ids, transaction);
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
    await this.counters.lock(userId, transaction);
    const where = { userId, readAt: null, ...(channelName ? { channelName } : {}) };
    const [updated] = await this.model.update({ readAt: new Date() }, { where, transaction, hooks: false });
    // a recount, not "unread = 0": a message sent to this user meanwhile is still unread
    if (updated) await this.counters.recount(userId, channelName ? [channelName] : undefined, transaction);
    return updated;
  }

  async destroy(userId: number, ids: number[], transaction: Transaction): Promise<OwnMessages> {
    await this.counters.lock(userId, transaction);
    const target = await this.reads.own(userId, ids, transaction);
    await this.model.destroy({ where: { userId, id: { [Op.in]: target.ids } }, transaction, hooks: false });
    await this.counters.recount(userId, target.channelNames, transaction);
    return target;
  }

  /**
   * Records the user's first answer to one of a message's buttons and marks the message read. The same answer
   * again changes nothing; a different one is a 409. The user's counters, then the row, are locked first, so of
   * two concurrent answers the second sees the first and exactly one is kept.
   */
  async respond(userId: number, id: number, action: string, transaction: Transaction): Promise<RespondResult> {
    await this.counters.lock(userId, transaction);
    const row = await this.model.findOne({ where: { userId, id }, transaction, lock: transaction.LOCK.UPDATE });
    if (!row) throw notFound('filterByTk', `message ${id} not found`);
    const message = toMessage(row.get({ plain: true }));
    if (!message.actions.some((button) => button.key === action)) {
      throw invalid('action', `message ${id} has no button "${action}"`);
    }
    if (message.response) {
      if (message.response.action === action) return { message, changed: false };
      throw conflict('action', `message ${id} was already answered with "${message.response.action}"`);
    }
    const at = new Date();
    const response = { action, at: at.toISOString() };
    const readAt = message.readAt ? new Date(message.readAt) : at;
    await this.model.update({ response, readAt }, { where: { userId, id }, transaction, hooks: false });
    if (!message.readAt) await this.counters.recount(userId, [message.channelName], transaction);
    return { message: { ...message, response, readAt: readAt.toISOString() }, changed: true };
  }

  /** The newest message's id (0 for none). */
  async newestId(): Promise<number> {
    return Number((await this.model.max('id')) ?? 0);
  }

  /**
   * Retention, one batch: the first `batch` read messages older than `before` with an id in `ids` (walked in order, so
   * every batch starts where the last stopped), deleted with their pairs recounted. The rows are locked and deleted
   * before their users' counters: the delete, a batch's slow part (every index of a large table), then holds up no
   * send to those users, which writes their counters and new rows only. A message read back to unread meanwhile is kept.
   * Returns the last id looked at and how many were deleted, or null when none is left.
   */
  async purgeReadBefore(
    before: Date,
    ids: IdRange,
    batch: number,
    transaction: Transaction,
    channels?: ChannelScope,
  ): Promise<PurgeBatch | null> {
    const expired = { readAt: { [Op.ne]: null, [Op.lt]: before }, ...channelWhere(channels) };
    const found = (await this.model.findAll({
      attributes: ['id', 'userId', 'channelName', 'archivedAt', 'snoozedUntil'],
      where: { id: { [Op.gt]: ids.after, [Op.lte]: ids.upTo }, ...expired },
      order: [['id', 'ASC']],
      limit: batch,
      ...RAW_READ,
      transaction,
    })) as unknown as DeletedMessage[];
    if (!found.length) return null;
    const foundIds = found.map((r) => Number(r.id));
    // SQLite: this transaction is the one writer already, nothing changed since the read
    const rows = this.oneWriter ? found : await this.lockStillExpired(foundIds, expired, transaction);
    const deleted = rows.length
      ? await this.model.destroy({ where: { id: { [Op.in]: rows.map((r) => Number(r.id)) } }, transaction, hooks: false })
      : 0;
    await this.counters.lock([...new Set(rows.map((r) => Number(r.userId)))], transaction);
    await this.counters.removeRead(rows, transaction);
    return { lastId: foundIds[foundIds.length - 1], deleted };
  }

  /**
   * Of the messages a batch found, those still expired, locked and read as they are now (READ COMMITTED): one marked
   * unread, archived or snoozed since is kept or counted as it is.
   */
  private async lockStillExpired(ids: number[], expired: WhereOptions, transaction: Transaction): Promise<DeletedMessage[]> {
    return (await this.model.findAll({
      attributes: ['id', 'userId', 'channelName', 'archivedAt', 'snoozedUntil'],
      where: { id: { [Op.in]: ids }, ...expired },
      lock: Transaction.LOCK.UPDATE,
      ...RAW_READ,
      transaction,
    })) as unknown as DeletedMessage[];
  }
}
