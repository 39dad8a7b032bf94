import type { Database } from '@nocobase/database';
import { Op, Transaction, WhereOptions, literal } from 'sequelize';
import { COLLECTIONS } from '../../../shared/constants';
import { TableSql } from '../store/sql';
import { Transactions } from '../store/transactions';

/** Rows a catch-up reads per statement: a few tens of milliseconds of SQLite's time. */
const CATCH_UP_IDS = 20_000;
/** The trigram tokenizer indexes three characters at a time: a shorter text cannot be looked up in it. */
const MIN_CHARS = 3;

/**
 * A trigram index (SQLite FTS5) of the message texts, kept per run of consecutive rows with the same title and content
 * rather than per row: a send to 10,000 receivers writes one run of 10,000 rows, indexed once. The runs table maps
 * each indexed text to its id range; a search finds the runs holding the text, then reads the user's own rows in
 * those ranges by the (userId, id) index, and checks each row's text again, so the index only narrows the rows.
 *
 * Nothing is done when a message is written: the sends' cost stays what it was. A search first indexes the rows
 * written since the last one (`catchUp`), in the same queue as our other SQLite writes, so ids below the index's
 * end are committed and final. SQLite only, and only where FTS5 is there: other databases, or a text too short
 * for trigrams, read the user's rows as before.
 */
export class SearchIndex {
  /** This SQLite was built without FTS5 (found on first use): searches read the rows, as on other databases. */
  private missing = false;

  constructor(private readonly db: Database) {}

  /** Whether a search for `q` can use the index here. */
  usable(q: string | undefined): q is string {
    return !this.missing && this.db.sequelize.getDialect() === 'sqlite' && !!q && [...q].length >= MIN_CHARS;
  }

  private get sql() {
    return new TableSql(this.db, COLLECTIONS.messages);
  }

  /** The index's two tables, beside the messages table (its prefix included). */
  private names() {
    const sql = this.sql;
    const base = String(sql.model.getTableName());
    return { sql, texts: sql.quote(`${base}_search`), runs: sql.quote(`${base}_search_runs`) };
  }

  /**
   * Created when missing, at every catch-up (two statements SQLite answers from its schema): a new install, an
   * upgraded app and a database reinstalled under a running process alike.
   */
  private async ensure(transaction: Transaction): Promise<void> {
    const { sql, texts, runs } = this.names();
    await sql.run(
      `CREATE VIRTUAL TABLE IF NOT EXISTS ${texts} USING fts5(title, content, content='', contentless_delete=1, tokenize='trigram')`,
      sql.binds(),
      transaction,
    );
    await sql.run(`CREATE TABLE IF NOT EXISTS ${runs} ("startId" INTEGER PRIMARY KEY, "endId" INTEGER NOT NULL)`, sql.binds(), transaction);
  }

  /** Drops the index (the plugin's removal); the next search would build it again. */
  async drop(): Promise<void> {
    if (this.db.sequelize.getDialect() !== 'sqlite') return;
    const { sql, texts, runs } = this.names();
    await sql.run(`DROP TABLE IF EXISTS ${texts}`, sql.binds(), undefined);
    await sql.run(`DROP TABLE IF EXISTS ${runs}`, sql.binds(), undefined);
  }

  /** The highest id indexed and the highest id there is (0 for none). */
  private async ends(transaction: Transaction | undefined): Promise<{ indexed: number; top: number }> {
    const { sql, runs } = this.names();
    const [row] = await sql.rows<{ indexed: number | null; top: number | null }>(
      `SELECT (SELECT "endId" FROM ${runs} ORDER BY "startId" DESC LIMIT 1) AS indexed, ` +
        `(SELECT MAX(${sql.column('id')}) FROM ${sql.table()}) AS top`,
      sql.binds(),
      transaction,
    );
    return { indexed: Number(row.indexed ?? 0), top: Number(row.top ?? 0) };
  }

  /**
   * Indexes every message written since the last catch-up; answers the highest id indexed, or undefined where FTS5
   * is missing. Nothing new (the common case) costs one read; otherwise the work queues with our other SQLite writes.
   */
  async catchUp(): Promise<number | undefined> {
    // no index yet (a first search): the write below creates it
    const seen = await this.ends(undefined).catch(() => undefined);
    if (seen && seen.top === seen.indexed) return seen.top;
    const { sql, texts, runs } = this.names();
    const [id, title, content] = ['id', 'title', 'content'].map((a) => sql.column(a));
    return new Transactions(this.db).write(
      undefined,
      async (transaction) => {
        try {
          await this.ensure(transaction);
        } catch (error) {
          if (!/no such module/i.test(String((error as Error)?.message))) throw error;
          this.missing = true;
          return undefined;
        }
        const { indexed, top } = await this.ends(transaction);
        if (top === indexed) return top;
        // ids never go back (AUTOINCREMENT) unless the messages table was made anew: then so is the index; otherwise
        // the runs wholly below the oldest message are gone (retention), and their texts with them
        const oldest = `(SELECT MIN(${id}) FROM ${sql.table()})`;
        const gone = top < indexed ? '' : ` WHERE "startId" < ${oldest} AND "endId" < ${oldest}`;
        await sql.run(`DELETE FROM ${texts} WHERE rowid IN (SELECT "startId" FROM ${runs}${gone})`, sql.binds(), transaction);
        await sql.run(`DELETE FROM ${runs}${gone}`, sql.binds(), transaction);
        for (let from = (top < indexed ? 0 : indexed) + 1; from <= top; from += CATCH_UP_IDS) {
          const to = Math.min(from + CATCH_UP_IDS - 1, top);
          const binds = sql.binds();
          const [lo, hi] = [binds.add(from), binds.add(to)];
          // a run starts where the title or content differs from the row before (or at the first row read)
          await sql.run(
            `INSERT INTO ${runs} ("startId", "endId") SELECT MIN(i), MAX(i) FROM (` +
              `SELECT i, SUM(starts) OVER (ORDER BY i) AS run FROM (` +
              `SELECT ${id} AS i, CASE WHEN LAG(${id}) OVER w IS NULL OR LAG(${title}) OVER w IS NOT ${title} ` +
              `OR LAG(${content}) OVER w IS NOT ${content} THEN 1 ELSE 0 END AS starts ` +
              `FROM ${sql.table()} WHERE ${id} BETWEEN ${lo} AND ${hi} WINDOW w AS (ORDER BY ${id}))) GROUP BY run`,
            binds,
            transaction,
          );
          const texted = sql.binds();
          await sql.run(
            `INSERT INTO ${texts} (rowid, title, content) SELECT m.${id}, m.${title}, m.${content} FROM ${runs} r ` +
              `JOIN ${sql.table()} m ON m.${id} = r."startId" WHERE r."startId" BETWEEN ${texted.add(from)} AND ${texted.add(to)}`,
            texted,
            transaction,
          );
        }
        return top;
      },
      () => undefined,
    );
  }

  /**
   * The rows of `userId` whose run holds `q` (any case), as a where on the messages: ids in the runs the index finds.
   * `q` goes in as an FTS5 phrase (quotes doubled), so no character of it is an operator.
   */
  inRuns(userId: number, q: string): WhereOptions {
    const { sql, texts, runs } = this.names();
    const phrase = this.db.sequelize.escape(`"${q.replace(/"/g, '""')}"`);
    const id = sql.column('id');
    const owner = sql.column('userId');
    return {
      id: {
        [Op.in]: literal(
          `(SELECT m.${id} FROM ${runs} r JOIN ${sql.table()} m ON m.${owner} = ${Number(userId)} ` +
            `AND m.${id} BETWEEN r."startId" AND r."endId" WHERE r."startId" IN (SELECT rowid FROM ${texts} WHERE ${texts} MATCH ${phrase}))`,
        ),
      },
    };
  }
}
