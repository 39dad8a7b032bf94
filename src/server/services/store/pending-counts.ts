import type { Database } from '@nocobase/database';
import type { Transaction } from 'sequelize';
import { COLLECTIONS } from '../../../shared/constants';
import { TableSql } from './sql';

/** Ids from `from` to `to`, both in. */
export type IdSpan = { from: number; to: number };

/** A send not yet in the counters: its row's id and its messages' ids. */
export type PendingSpan = IdSpan & { id: number };

/**
 * The sends whose messages the counters do not hold yet (inboxPendingCounts): a send registers its id range here in
 * its own transaction, one row instead of a counter upsert per receiver, and the fold (Counters.foldOne) moves it into
 * the counters once the send has committed. A message is "uncounted" while its id lies in a registered range.
 */
export class PendingCounts {
  private readonly sql: TableSql;

  constructor(db: Database) {
    this.sql = new TableSql(db, COLLECTIONS.pendingCounts);
  }

  /** The insert registering the (firstId, lastId) rows `source` selects. */
  insertFrom(source: string): string {
    return `INSERT INTO ${this.sql.table()} (${this.sql.column('firstId')},${this.sql.column('lastId')}) ${source}`;
  }

  /** Registers the ranges, each exactly one statement's new messages. */
  async register(spans: IdSpan[], transaction: Transaction | undefined): Promise<void> {
    if (!spans.length) return;
    const binds = this.sql.binds();
    const values = spans.map((span) => `(${binds.add(span.from)},${binds.add(span.to)})`).join(',');
    await this.sql.run(`${this.insertFrom(`VALUES ${values}`)}`, binds, transaction);
  }

  /**
   * SQL: whether the message id `id` (a column, as SQL) lies in a registered range. The bounds of all ranges come
   * first, read once per statement: an index walk over a user's rows is bounded by them (with no range, it reads no
   * row), and only the rows inside are checked range by range.
   */
  holds(id: string): string {
    const s = this.sql;
    const [first, last] = [s.column('firstId'), s.column('lastId')];
    return (
      `(${id} BETWEEN (SELECT MIN(${first}) FROM ${s.table()}) AND (SELECT MAX(${last}) FROM ${s.table()}) ` +
      `AND EXISTS (SELECT 1 FROM ${s.table()} p WHERE ${id} BETWEEN p.${first} AND p.${last}))`
    );
  }

  /** SQL: 1 when any range is registered, else 0. */
  anySql(): string {
    return `CASE WHEN EXISTS (SELECT 1 FROM ${this.sql.table()}) THEN 1 ELSE 0 END`;
  }

  /** Every registered range, oldest first. */
  async spans(transaction: Transaction | undefined): Promise<PendingSpan[]> {
    return this.read('', transaction);
  }

  /**
   * The oldest range no other fold holds, locked until the transaction ends (SQLite: the oldest; its writers queue
   * up already), or undefined when none is left.
   */
  async claim(transaction: Transaction): Promise<PendingSpan | undefined> {
    const lock = this.sql.dialect === 'sqlite' ? '' : ' FOR UPDATE SKIP LOCKED';
    const [span] = await this.read(` LIMIT 1${lock}`, transaction);
    return span;
  }

  async remove(id: number, transaction: Transaction): Promise<void> {
    const binds = this.sql.binds();
    await this.sql.run(`DELETE FROM ${this.sql.table()} WHERE ${this.sql.column('id')} = ${binds.add(id)}`, binds, transaction);
  }

  private async read(tail: string, transaction: Transaction | undefined): Promise<PendingSpan[]> {
    const s = this.sql;
    const rows = await s.rows<{ id: number; from: number; to: number }>(
      `SELECT ${s.column('id')} AS ${s.quote('id')}, ${s.column('firstId')} AS ${s.quote('from')}, ${s.column('lastId')} AS ${s.quote('to')} ` +
        `FROM ${s.table()} ORDER BY ${s.column('id')}${tail}`,
      s.binds(),
      transaction,
    );
    return rows.map((row) => ({ id: Number(row.id), from: Number(row.from), to: Number(row.to) }));
  }
}

/** Pure: whether `id` lies in one of `spans`. */
export const inSpans = (spans: IdSpan[], id: number): boolean => spans.some((span) => id >= span.from && id <= span.to);
