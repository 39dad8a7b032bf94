import type { Database } from '@nocobase/database';
import { IndexHints, QueryTypes, Transaction, Utils, WhereOptions } from 'sequelize';
import { RAW_READ } from './raw-reads';

export type Dialect = 'sqlite' | 'postgres' | 'mysql' | 'mariadb';

/** What sequelize's query generator offers for bind parameters (not in its public typings). */
interface QueryGenerator {
  quoteTable(table: unknown): string;
  whereItemsQuery(where: object, options: object): string;
  bindParam(bind: unknown[]): (value: unknown) => string;
  format(value: unknown, field: unknown, options: object, bindParam: (value: unknown) => string): string;
}

/**
 * The values of one raw statement, bound, never written into its text: each `add` returns the placeholder to put
 * in the SQL. A value of a known column goes through sequelize's own conversion for that column (dates in the
 * dialect's format, JSON serialised), so what we write reads back exactly as a row sequelize wrote.
 */
export class Binds {
  readonly values: unknown[] = [];
  private readonly placeholder: (value: unknown) => string;

  constructor(private readonly sql: TableSql) {
    this.placeholder = sql.generator.bindParam(this.values);
  }

  /** A plain value (a name, a number). */
  add(value: unknown): string {
    return this.placeholder(value);
  }

  /**
   * A value stored in `attribute`'s column. PostgreSQL gets an explicit cast: in an INSERT … SELECT a bare
   * parameter would be typed as text, which a timestamp or json column refuses.
   */
  column(attribute: string, value: unknown): string {
    const field = this.sql.model.getAttributes()[attribute];
    const placeholder = this.sql.generator.format(value, field, {}, this.placeholder);
    return this.sql.dialect === 'postgres' ? `CAST(${placeholder} AS ${(field.type as unknown as { toSql(): string }).toSql()})` : placeholder;
  }

  /** A list of ids as one parameter, read back as rows of a one-column table: the SQL text is the same for any list. */
  ids(ids: number[]): string {
    const list = ids.map(Number);
    switch (this.sql.dialect) {
      case 'postgres':
        // the array literal written here: pg's driver would quote and escape each element of a JS array, 5.6 ms of a
        // send to 10,000 users
        return `SELECT unnest(CAST(${this.add(`{${list.join(',')}}`)} AS bigint[]))`;
      case 'sqlite':
        return `SELECT value FROM json_each(${this.add(JSON.stringify(list))})`;
      default:
        return `SELECT j.id FROM JSON_TABLE(${this.add(JSON.stringify(list))}, '$[*]' COLUMNS (id BIGINT PATH '$')) AS j`;
    }
  }
}

/** Names as each database quotes them, kept: sequelize's quoting runs regular expressions every time, on every read. */
const QUOTED = new WeakMap<Database, Map<string, string>>();

/**
 * Raw SQL for the hot writes (fan-out insert, counter upserts and recounts), where sequelize's bulkCreate is
 * 3× slower than a multi-row INSERT. Names come from the collection's model so a table prefix, a PostgreSQL
 * schema or `underscored` column names all still work; values are always bound (see `Binds`).
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

  get generator(): QueryGenerator {
    return (this.db.sequelize.getQueryInterface() as unknown as { queryGenerator: QueryGenerator }).queryGenerator;
  }

  binds(): Binds {
    return new Binds(this);
  }

  table(): string {
    return this.generator.quoteTable(this.model.getTableName());
  }

  column(attribute: string): string {
    const field = this.model.getAttributes()[attribute]?.field ?? attribute;
    return this.quote(field);
  }

  quote(name: string): string {
    let quoted = QUOTED.get(this.db);
    if (!quoted) QUOTED.set(this.db, (quoted = new Map()));
    const known = quoted.get(name);
    if (known !== undefined) return known;
    const fresh = this.db.sequelize.getQueryInterface().quoteIdentifier(name);
    quoted.set(name, fresh);
    return fresh;
  }

  /**
   * A where as sequelize's finds write it (attributes to their columns, values escaped into the text), for a raw
   * statement that reads the same rows as a find would: one where for both, not two to keep alike.
   */
  whereSql(where: WhereOptions): string {
    // mapping copies the whole where first: only worth it when some column is not named as its attribute
    const renamed = Object.entries(this.model.getAttributes()).some(([name, attribute]) => attribute.field && attribute.field !== name);
    const mapped = renamed ? Utils.mapWhereFieldNames(where, this.model) : where;
    return this.generator.whereItemsQuery(mapped, { model: this.model }) || '1 = 1';
  }

  /** Every attribute's column, named by the attribute (as a raw find reads it), prefixed by `alias`. */
  columns(alias: string): string {
    return Object.keys(this.model.getAttributes())
      .map((attribute) => `${alias}.${this.column(attribute)} AS ${this.quote(attribute)}`)
      .join(', ');
  }

  /**
   * The name of the collection's index on exactly `attributes` (as declared in its collection file), for the index
   * hints below; undefined when there is none.
   */
  indexName(attributes: string[]): string | undefined {
    const key = attributes.join(',');
    return this.model.options.indexes?.find((index) => (index.fields ?? []).join(',') === key)?.name;
  }

  /**
   * MySQL and MariaDB only: the view's reads restricted to the index on `attributes`, as a `FORCE INDEX` clause for raw
   * SQL (after the table and its alias). Their planner, seeing `snoozedUntil IS NULL` and an index leading with
   * snoozedUntil (the wake-up's), intersects it with the user's index: every row of the table is read and sorted
   * (1.3 s for a user with 100,000 of 1,000,000 messages; bench/results/mariadb-read-1m.md). FORCE, not USE: told
   * only to use (userId, archivedAt), MariaDB looks a deep page's rows up by `userId` and `archivedAt IS NULL` and
   * reads all of them above the cursor (45,000 of a user's 100,000); forced, it seeks the cursor in the primary key
   * the index ends with, and reads 30. Elsewhere: nothing.
   */
  useIndex(attributes: string[]): string {
    const name = this.hintable ? this.indexName(attributes) : undefined;
    return name ? ` FORCE INDEX (${this.quote(name)})` : '';
  }

  /** `useIndex` as sequelize's find option. */
  indexHints(attributes: string[]): { indexHints?: { type: IndexHints; values: string[] }[] } {
    const name = this.hintable ? this.indexName(attributes) : undefined;
    return name ? { indexHints: [{ type: IndexHints.FORCE, values: [name] }] } : {};
  }

  private get hintable(): boolean {
    return this.dialect === 'mysql' || this.dialect === 'mariadb';
  }

  /** A RETURNING clause naming each column by its attribute, whatever field it is stored in. */
  returning(attributes: string[]): string {
    return ` RETURNING ${attributes.map((a) => `${this.column(a)} AS ${this.quote(a)}`).join(',')}`;
  }

  /**
   * Runs an INSERT … RETURNING and gives back its rows. The leading comment is on purpose: sequelize's SQLite
   * driver runs anything starting with "insert into" with `run()`, which drops the returned rows.
   */
  insertReturning<T>(sql: string, binds: Binds, returning: string[], transaction: Transaction | undefined): Promise<T[]> {
    return this.rows<T>(`/* returning */ ${sql}${this.returning(returning)}`, binds, transaction);
  }

  /**
   * Runs a statement that returns rows (a SELECT, an INSERT … RETURNING, a WITH) and gives them back raw; without a
   * transaction the statement commits by itself.
   */
  async rows<T>(sql: string, binds: Binds, transaction: Transaction | undefined): Promise<T[]> {
    const rows = await this.db.sequelize.query(sql, { type: QueryTypes.SELECT, bind: binds.values, transaction, ...RAW_READ } as object);
    return rows as unknown as T[];
  }

  /**
   * Runs an INSERT and tells the first id it wrote and how many rows, as the driver reports them (no RETURNING, no
   * second statement): SQLite gives the last rowid, MySQL and MariaDB the first id. With no row written the id means
   * nothing.
   */
  async insertReport(sql: string, binds: Binds, transaction: Transaction | undefined): Promise<{ firstId: number; changes: number }> {
    if (this.dialect === 'sqlite') {
      const [, statement] = (await this.db.sequelize.query(sql, { bind: binds.values, transaction, raw: true })) as unknown as [
        unknown,
        { lastID: number; changes: number },
      ];
      const changes = Number(statement.changes);
      return { firstId: Number(statement.lastID) - changes + 1, changes };
    }
    const [firstId, changes] = (await this.db.sequelize.query(sql, { type: QueryTypes.INSERT, bind: binds.values, transaction })) as unknown as [
      unknown,
      unknown,
    ];
    return { firstId: Number(firstId), changes: Number(changes) };
  }

  async run(sql: string, binds: Binds, transaction: Transaction | undefined): Promise<void> {
    await this.db.sequelize.query(sql, { bind: binds.values, transaction, raw: true });
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
