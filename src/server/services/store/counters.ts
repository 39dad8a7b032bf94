import type { Database } from '@nocobase/database';
import type { Transaction } from 'sequelize';
import { COLLECTIONS } from '../../../shared/constants';
import { IdSpan, PendingCounts, PendingSpan, inSpans } from './pending-counts';
import { Binds, TableSql, chunksBySize } from './sql';

type Pair = [userId: number, channelName: string];

export type { IdSpan };

/** Pure: the range `ids` fill with no gap and no repeat (any order), or undefined. */
export function idRange(ids: number[]): IdSpan | undefined {
  if (!ids.length) return undefined;
  // a reduce, not Math.min(...ids): a fan-out's ids can outnumber the arguments a call takes
  const [from, to] = ids.reduce(([lo, hi], id) => [Math.min(lo, id), Math.max(hi, id)], [ids[0], ids[0]]);
  return to - from + 1 === ids.length && new Set(ids).size === ids.length ? { from, to } : undefined;
}

/** A deleted message as the counters need it: whose, which channel, and whether it was put aside. */
export interface DeletedMessage {
  id: number;
  userId: number;
  channelName: string;
  archivedAt: unknown;
  snoozedUntil: unknown;
}

/**
 * Keeps inboxCounters in step with inboxMessages. A send whose new ids fill a range registers it as pending in its
 * own transaction (one row, not an upsert per receiver) and the fold adds it to the counters after the commit; a
 * send whose ids do not adds to the counters in one relative statement. Every other change locks the user's counter
 * rows first and then recounts from the messages the counters hold (not the pending ones), so a send committing
 * meanwhile is never lost from the badge. Reads add the pending messages to the counters (MessageReads).
 */
export class Counters {
  private readonly sql: TableSql;
  private readonly messageSql: TableSql;
  readonly pending: PendingCounts;

  constructor(db: Database) {
    this.sql = new TableSql(db, COLLECTIONS.counters);
    this.messageSql = new TableSql(db, COLLECTIONS.messages);
    this.pending = new PendingCounts(db);
  }

  /**
   * The upsert that adds to each (user, channel) pair `source` selects as (userId, channelName, unread, total, newest
   * message id); each pair at most once per statement, as one fan-out or one grouped select writes them.
   */
  addingUpsert(source: string): string {
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

  /**
   * Whether sends leave their counting pending for the fold. Not on SQLite: its one writer would run each fold
   * between the other writes, and its counting inside the send costs little (1.3 ms of a send to 1,000 users).
   */
  get defers(): boolean {
    return this.sql.dialect !== 'sqlite';
  }

  /**
   * New unread messages, read back by id so only their ids cross the wire: as one id range when they fill it (a
   * fan-out's usually do), which is pending where sends defer, and which MariaDB reads about a third faster than the
   * same ids listed.
   */
  async addUnread(messageIds: number[], transaction: Transaction | undefined): Promise<void> {
    const range = idRange(messageIds);
    if (range) return this.addUnreadSpans([range], transaction);
    for (const chunk of chunksBySize(messageIds, () => 1, Infinity, 5000)) {
      await this.addUnreadWhere((id, binds) => `${id} IN (${binds.ids(chunk)})`, transaction);
    }
  }

  /** New unread messages whose ids fill each span, from first to last: one pending row for them all, or a count each. */
  async addUnreadSpans(spans: IdSpan[], transaction: Transaction | undefined): Promise<void> {
    if (this.defers) return this.pending.register(spans, transaction);
    for (const { from, to } of spans) {
      await this.addUnreadWhere((id, binds) => `${id} BETWEEN ${binds.add(from)} AND ${binds.add(to)}`, transaction);
    }
  }

  /** The messages whose id (the column, as SQL) meets `holds`, each counted unread for its user and channel. */
  private async addUnreadWhere(holds: (id: string, binds: Binds) => string, transaction: Transaction | undefined): Promise<void> {
    const m = this.messageSql;
    const [userId, channelName, id] = ['userId', 'channelName', 'id'].map((a) => m.column(a));
    const binds = this.sql.binds();
    const source = `SELECT ${userId}, ${channelName}, 1, 1, ${id} FROM ${m.table()} WHERE ${holds(id, binds)}`;
    await this.sql.run(this.addingUpsert(source), binds, transaction);
  }

  /**
   * Moves the oldest pending send no other fold holds into the counters, in the caller's transaction (READ COMMITTED):
   * its users' counter rows are locked first and then its messages, the order every change takes, so a change to one
   * of them waits for the fold or the fold for it, and the fold adds each message as it is once the change committed.
   * Answers the range it folded, or undefined when none was left.
   */
  async foldOne(transaction: Transaction): Promise<PendingSpan | undefined> {
    const span = await this.pending.claim(transaction);
    if (!span) return undefined;
    const m = this.messageSql;
    const [id, userId, channelName, readAt] = ['id', 'userId', 'channelName', 'readAt'].map((a) => m.column(a));
    const inRange = (binds: Binds) => `${id} BETWEEN ${binds.add(span.from)} AND ${binds.add(span.to)}`;
    const users = m.binds();
    const rows = await m.rows<{ userId: number }>(
      `SELECT DISTINCT ${userId} AS ${m.quote('userId')} FROM ${m.table()} WHERE ${inRange(users)}`,
      users,
      transaction,
    );
    if (rows.length) {
      await this.lock(rows.map((row) => Number(row.userId)), transaction);
      await this.lockMessages(inRange, transaction);
      const binds = m.binds();
      const visible = `${m.column('archivedAt')} IS NULL AND ${m.column('snoozedUntil')} IS NULL`;
      // a pair whose messages were all put aside meanwhile still gets its row, as a send's counting gives it
      const source =
        `SELECT ${userId}, ${channelName}, SUM(CASE WHEN ${visible} AND ${readAt} IS NULL THEN 1 ELSE 0 END), ` +
        `SUM(CASE WHEN ${visible} THEN 1 ELSE 0 END), COALESCE(MAX(CASE WHEN ${visible} THEN ${id} END), 0) ` +
        `FROM ${m.table()} WHERE ${inRange(binds)} GROUP BY ${userId}, ${channelName} ORDER BY ${userId}, ${channelName}`;
      await this.sql.run(this.addingUpsert(source), binds, transaction);
    }
    await this.pending.remove(span.id, transaction);
    return span;
  }

  /** Share-locks the messages `where` selects until the transaction ends (SQLite: one writer already). */
  private async lockMessages(where: (binds: Binds) => string, transaction: Transaction): Promise<void> {
    const m = this.messageSql;
    if (m.dialect === 'sqlite') return;
    const binds = m.binds();
    const share = m.dialect === 'postgres' ? 'FOR SHARE' : 'LOCK IN SHARE MODE';
    await m.rows(`SELECT ${m.column('id')} FROM ${m.table()} WHERE ${where(binds)} ORDER BY ${m.column('id')} ${share}`, binds, transaction);
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

  /**
   * What a retention batch deleted (read messages, so no unread count changes): each (user, channel) total loses the
   * deleted messages it counted (archived and snoozed ones were in none), one statement per distinct loss, and only a
   * pair whose newest message went is recounted. Recounting every pair read each one's whole history: at 1,000,000
   * messages every batch counted the heavy user's 100,000 rows three times. Call `lock` first with their users, after
   * the delete.
   */
  async removeRead(deleted: DeletedMessage[], transaction: Transaction): Promise<void> {
    // a pending message is in no counter yet: its fold will not find it
    const spans = deleted.length ? await this.pending.spans(transaction) : [];
    const counted = spans.length ? deleted.filter((row) => !inSpans(spans, Number(row.id))) : deleted;
    if (counted.length) await this.removeCounted(counted, transaction);
  }

  private async removeCounted(deleted: DeletedMessage[], transaction: Transaction): Promise<void> {
    const s = this.sql;
    const lost = new Map<string, { pair: Pair; counted: number }>();
    for (const row of deleted) {
      const key = `${row.userId}:${row.channelName}`;
      const entry = lost.get(key) ?? { pair: [Number(row.userId), row.channelName] as Pair, counted: 0 };
      if (row.archivedAt == null && row.snoozedUntil == null) entry.counted++;
      lost.set(key, entry);
    }
    const byLoss = new Map<number, Pair[]>();
    for (const { pair, counted } of lost.values()) if (counted) byLoss.set(counted, [...(byLoss.get(counted) ?? []), pair]);
    const total = s.column('totalCount');
    for (const [counted, pairs] of byLoss) {
      const binds = s.binds();
      await s.run(`UPDATE ${s.table()} SET ${total} = ${total} - ${binds.add(counted)} WHERE ${this.pairsWhere(pairs, binds)}`, binds, transaction);
    }
    const binds = s.binds();
    const pairs = [...lost.values()].map(({ pair }) => pair);
    const newestGone = await s.rows<{ userId: number; channelName: string }>(
      `SELECT ${s.column('userId')} AS ${s.quote('userId')}, ${s.column('channelName')} AS ${s.quote('channelName')} FROM ${s.table()} ` +
        `WHERE ${this.pairsWhere(pairs, binds)} AND ${s.column('lastMessageId')} IN (${binds.ids(deleted.map((row) => Number(row.id)))})`,
      binds,
      transaction,
    );
    if (!newestGone.length) return;
    const recounted = s.binds();
    const where = this.pairsWhere(newestGone.map((row): Pair => [Number(row.userId), row.channelName]), recounted);
    await this.recountWhere(where, recounted, transaction);
  }

  /** (user, channel) pairs as a WHERE condition on the counters. */
  private pairsWhere(pairs: Pair[], binds: Binds): string {
    const s = this.sql;
    // PostgreSQL types a VALUES table's parameters as text, which a bigint column does not compare with
    const user = (id: number) => (s.dialect === 'postgres' ? `CAST(${binds.add(id)} AS bigint)` : binds.add(id));
    const list = pairs.map(([userId, channelName]) => `(${user(userId)},${binds.add(channelName)})`).join(',');
    // the users first: MariaDB finds the rows of a row-value IN list by scanning the table, but a user id list by index
    const users = `${s.column('userId')} IN (${[...new Set(pairs.map(([userId]) => userId))].map((id) => binds.add(id)).join(',')})`;
    // a VALUES table, not a list: SQLite compares each row with every pair of a list (12 ms for 215 pairs)
    return `${users} AND (${s.column('userId')},${s.column('channelName')}) IN (VALUES ${list})`;
  }

  private async recountWhere(condition: string, binds: Binds, transaction: Transaction): Promise<void> {
    const s = this.sql;
    const m = this.messageSql;
    const ofPair =
      `FROM ${m.table()} m${m.useIndex(['userId', 'channelName', 'id'])} WHERE m.${m.column('userId')} = ${s.table()}.${s.column('userId')} ` +
      `AND m.${m.column('channelName')} = ${s.table()}.${s.column('channelName')}`;
    // archived and snoozed messages are in no count and no channel summary, pending ones in none yet (the fold adds them)
    const visible =
      `${ofPair} AND m.${m.column('archivedAt')} IS NULL AND m.${m.column('snoozedUntil')} IS NULL ` +
      `AND NOT ${this.pending.holds(`m.${m.column('id')}`)}`;
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
