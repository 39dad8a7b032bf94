import type { Database } from '@nocobase/database';
import { QueryTypes, Transaction } from 'sequelize';

export type Dialect = 'sqlite' | 'postgres' | 'mysql' | 'mariadb';

/**
 * Raw SQL for the two hot writes (fan-out insert, counter upsert), where sequelize's bulkCreate is
 * 3× slower than a multi-row INSERT. Names come from the collection's model so a table prefix,
 * a PostgreSQL schema or `underscored` column names all still work.
 */
export class TableSql {
  constructor(
    private readonly db: Database,
    private readonly collectionName: string,
  ) {}

  get model() {
    return this.db.getModel(this.collectionName);
  }

  get dialect(): Dialect {
    return this.db.sequelize.getDialect() as Dialect;
  }

  table(): string {
    const generator = (this.db.sequelize.getQueryInterface() as any).queryGenerator;
    return generator.quoteTable(this.model.getTableName());
  }

  column(attribute: string): string {
    const field = this.model.getAttributes()[attribute]?.field ?? attribute;
    return this.db.sequelize.getQueryInterface().quoteIdentifier(field);
  }

  literal(value: unknown): string {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'object' && !(value instanceof Date)) return this.db.sequelize.escape(JSON.stringify(value));
    return this.db.sequelize.escape(value as string | number | Date);
  }

  tuple(values: unknown[]): string {
    return `(${values.map((value) => this.literal(value)).join(',')})`;
  }

  insertHead(attributes: string[]): string {
    return `INSERT INTO ${this.table()} (${attributes.map((a) => this.column(a)).join(',')}) VALUES `;
  }

  /** A RETURNING clause naming each column by its attribute, whatever field it is stored in. */
  returning(attributes: string[]): string {
    const quote = (name: string) => this.db.sequelize.getQueryInterface().quoteIdentifier(name);
    return ` RETURNING ${attributes.map((a) => `${this.column(a)} AS ${quote(a)}`).join(',')}`;
  }

  /**
   * Runs an INSERT … RETURNING and gives back its rows. The leading comment is on purpose: sequelize's SQLite
   * driver runs anything starting with "insert into" with `run()`, which drops the returned rows.
   */
  insertReturning<T>(sql: string, returning: string[], transaction: Transaction): Promise<T[]> {
    return this.rows<T>(`/* returning */ ${sql}${this.returning(returning)}`, transaction);
  }

  /** Runs a statement that returns rows (a SELECT, an INSERT … RETURNING, a WITH) and gives them back raw. */
  async rows<T>(sql: string, transaction: Transaction): Promise<T[]> {
    const rows = await this.db.sequelize.query(sql, {
      type: QueryTypes.SELECT,
      transaction,
      raw: true,
      // no column types wanted: spares the SQLite driver a PRAGMA table_info before every statement
      tableNames: [],
    } as any);
    return rows as unknown as T[];
  }

  async run(sql: string, transaction: Transaction): Promise<void> {
    await this.db.sequelize.query(sql, { transaction, raw: true });
  }
}

/** Splits rows into statements that stay under the smallest packet limit we meet (MariaDB's 16 MB). */
export function* chunksBySize<T>(items: T[], sizeOf: (item: T) => number, maxBytes = 4 * 1024 * 1024, maxRows = 1000) {
  let chunk: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (chunk.length && (bytes + size > maxBytes || chunk.length >= maxRows)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += size;
  }
  if (chunk.length) yield chunk;
}
