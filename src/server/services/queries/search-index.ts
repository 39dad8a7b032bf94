import type { Database } from '@nocobase/database';
import { Transaction, UniqueConstraintError } from 'sequelize';
import { COLLECTIONS } from '../../../shared/constants';
import { Binds, TableSql } from '../store/sql';
import { Transactions } from '../store/transactions';
import { FulltextRules, FulltextTerm, booleanQuery, fulltextTerms } from './fulltext-terms';
import { TrigramShares } from './trigram-shares';
import { userIndex, userRowsApart } from './view-filter';

/**
 * Rows one indexing transaction covers: tens of milliseconds of SQLite's write lock when every row has its own text
 * (bench/search-index-chunk.js), a few when rows share one (a send's run is indexed once).
 */
const CHUNK_ROWS = 1_000;
/** Chunks one round of the job indexes at most: a large backlog is worked off over successive rounds. */
const CHUNKS_PER_ROUND = 20;
/** The trigram tokenizer indexes three characters at a time: a shorter text cannot be looked up in it. */
const MIN_CHARS = 3;
/** Runs a search step reads from the index: a frequent text fills a page from the newest of them. */
const RUNS_PER_READ = 500;
/** The newest runs a trigram's share is measured in. */
const SAMPLED_RUNS = 500;
/** How long the index's job waits for the sends under way to commit (PostgreSQL) before it tries the next round. */
const COMMITTED_WAIT_MS = 100;
/** Pure: `text` as one FTS5 phrase (quotes doubled), so no character of it is an operator. */
const phrase = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** Pure: `q` as a LIKE pattern for any text holding it, `\`, `%` and `_` taken literally (LIKE's default escape). */
export const containsPattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Pure: the words of `q` (lower-cased runs of letters and digits) pg_trgm makes trigrams of: three characters or more.
 * A text holding `q` holds each of them.
 */
export const wordsOf = (q: string): string[] => [
  ...new Set(q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => [...word].length >= MIN_CHARS)),
];

/** Pure: the trigrams covering `q` end to end: the 1st, 4th, 7th… and the last, each once. */
export function trigramsCovering(q: string): string[] {
  const chars = Array.from(q);
  const starts = Array.from({ length: Math.ceil(chars.length / 3) }, (_, i) => Math.min(i * 3, chars.length - 3));
  return [...new Set(starts.map((start) => chars.slice(start, start + 3).join('')))];
}

/**
 * Pure: the FTS5 query for the texts that may hold `q`: the trigrams covering it end to end, each a phrase, all
 * required, but for the `frequent` ones (unless every one is): those narrow the texts little and cost the most to
 * read. A text holding `q` holds them all; a text holding them may not hold `q` (the caller checks each row). About
 * half the work of `q` as one phrase, which walks every trigram and position.
 */
export function coveringTrigrams(q: string, frequent: Set<string> = new Set()): string {
  const trigrams = trigramsCovering(q);
  const telling = trigrams.filter((trigram) => !frequent.has(trigram));
  return (telling.length ? telling : trigrams).map(phrase).join(' AND ');
}

/**
 * A trigram index (SQLite FTS5) of the message texts, kept per run of consecutive rows with the same title and content
 * rather than per row: a send to 10,000 receivers writes one run of 10,000 rows, indexed once. The runs table maps
 * each indexed text (under its first id, negated: newest first) to its id range; a search finds the runs holding the text, then reads the user's own rows in
 * those ranges by the (userId, id) index, and checks each row's text again, so the index only narrows the rows.
 *
 * A send indexes its own run in its own transaction (`appendRun`: two small statements) while the index is current; a
 * job catches up what came otherwise (an import, messages from before an upgrade) in short chunks, in the same queue
 * as our other SQLite writes, so ids below the index's end are committed and final. A search never writes: it reads
 * the rows above the index's end as they are. SQLite only, and
 * only where FTS5 is there: other databases, or a text too short for trigrams, read the user's rows as before.
 *
 * PostgreSQL keeps the same runs with their text beside them, under a trigram index of pg_trgm (created when it may
 * be: a trusted extension since PostgreSQL 13; without it searches read the rows). Only the job indexes there, and
 * only rows below the highest id it saw while no write was under way: ids come from a sequence, so a lower one may
 * still commit after a higher one, and must not fall below the index's end unindexed.
 *
 * MariaDB keeps the runs with their text too, under an InnoDB FULLTEXT index, built by the job the same way. That
 * index holds words, not trigrams: a search asks it for the words of the text a match must hold whole or begin
 * with (fulltextTerms), and reads the rows as they are when there is none it may ask for.
 */
export class SearchIndex {
  /** This SQLite was built without FTS5 (found on first use): searches read the rows, as on other databases. */
  private missing = false;
  /** SQLite: the index's tables were there at the last send, which then skips making them (two statements a send). */
  private tablesThere = false;
  /** The trigrams a search leaves out of its index query (see coveringTrigrams). */
  private readonly shares = new TrigramShares();
  /** PostgreSQL, MariaDB: the words a search leaves out of its index query, the same way. */
  private readonly wordShares = new TrigramShares();
  /** MariaDB: what its FULLTEXT index holds, read once (undefined: unreadable, so the index is not used). */
  private rules?: Promise<FulltextRules | undefined>;

  constructor(private readonly db: Database) {}

  private get dialect(): string {
    return this.db.sequelize.getDialect();
  }

  /** Whether this database keeps the index: SQLite (FTS5), PostgreSQL (pg_trgm) and MariaDB, each where it has it. */
  private get kept(): boolean {
    return !this.missing && ['sqlite', 'postgres', 'mariadb'].includes(this.dialect);
  }

  /** PostgreSQL and MariaDB: each run's text is kept beside it, and only the job indexes, up to committedTop. */
  private get textBeside(): boolean {
    return this.dialect === 'postgres' || this.dialect === 'mariadb';
  }

  /** MariaDB: a search step reads its runs first, then the user's rows in their ranges (no LATERAL there). */
  get readsRunsFirst(): boolean {
    return this.dialect === 'mariadb';
  }

  /** Whether a search for `q` can use the index here. */
  async usable(q: string | undefined): Promise<boolean> {
    if (!this.kept || !q || [...q].length < MIN_CHARS) return false;
    // pg_trgm reads a LIKE pattern by its words: with none long enough it would read every text
    if (this.dialect === 'postgres') return wordsOf(q).length > 0;
    if (this.dialect !== 'mariadb') return true;
    try {
      return (await this.tellingTerms(q)).length > 0;
    } catch (error) {
      if (this.isMissing(error)) return false;
      throw error;
    }
  }

  private get sql() {
    return new TableSql(this.db, COLLECTIONS.messages);
  }

  /** The runs table's columns, quoted as this database quotes names. */
  private get cols() {
    const { sql } = this;
    return { start: sql.quote('startId'), end: sql.quote('endId'), text: sql.quote('text') };
  }

  /**
   * The index's two tables, beside the messages table (its prefix included), and those of the index's first form
   * (`legacy`: texts under their run's first id, not its negation), dropped when this one is built.
   */
  private names() {
    const sql = this.sql;
    const base = String(sql.model.getTableName());
    return {
      sql,
      texts: sql.quote(`${base}_fts`),
      runs: sql.quote(`${base}_fts_runs`),
      textOfRun: sql.quote(`${base}_fts_text`),
      legacy: [sql.quote(`${base}_search`), sql.quote(`${base}_search_runs`)],
    };
  }

  /**
   * Created when missing, at every indexing chunk (statements SQLite answers from its schema): a new install, an
   * upgraded app and a database reinstalled under a running process alike.
   */
  private async ensure(transaction: Transaction | undefined): Promise<void> {
    const { sql, texts, runs, textOfRun } = this.names();
    if (this.dialect === 'postgres') {
      const binds = () => sql.binds();
      await sql.run('CREATE EXTENSION IF NOT EXISTS pg_trgm', binds(), transaction);
      await sql.run(`CREATE TABLE IF NOT EXISTS ${runs} ("startId" BIGINT PRIMARY KEY, "endId" BIGINT NOT NULL, "text" TEXT NOT NULL)`, binds(), transaction);
      const textIndex = sql.quote(`${String(sql.model.getTableName())}_fts_runs_text`);
      await sql.run(`CREATE INDEX IF NOT EXISTS ${textIndex} ON ${runs} USING gin ("text" gin_trgm_ops)`, binds(), transaction);
      return;
    }
    if (this.dialect === 'mariadb') return this.ensureFulltext(transaction);
    await sql.run(
      `CREATE VIRTUAL TABLE IF NOT EXISTS ${texts} USING fts5(title, content, content='', contentless_delete=1, tokenize='trigram')`,
      sql.binds(),
      transaction,
    );
    await sql.run(`CREATE TABLE IF NOT EXISTS ${runs} ("startId" INTEGER PRIMARY KEY, "endId" INTEGER NOT NULL)`, sql.binds(), transaction);
    // a run's text is its first row's: the database copies it, so a send or a chunk writes its runs in one statement
    const [id, title, content] = ['id', 'title', 'content'].map((a) => sql.column(a));
    await sql.run(
      `CREATE TRIGGER IF NOT EXISTS ${textOfRun} AFTER INSERT ON ${runs} BEGIN ` +
        `INSERT INTO ${texts} (rowid, title, content) SELECT -NEW."startId", m.${title}, m.${content} FROM ${sql.table()} m ` +
        `WHERE m.${id} = NEW."startId"; END`,
      sql.binds(),
      transaction,
    );
  }

  /**
   * MariaDB: the runs under a FULLTEXT index, their text in the collation of the messages' title, so the index
   * compares words as the search compares texts (any case, and accents as that collation does).
   */
  private async ensureFulltext(transaction: Transaction | undefined): Promise<void> {
    const { sql, runs } = this.names();
    const { start, end, text } = this.cols;
    const base = String(sql.model.getTableName());
    const binds = sql.binds();
    const [column] = await sql.rows<{ collation: string | null }>(
      `SELECT COLLATION_NAME AS collation FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ` +
        `AND TABLE_NAME = ${binds.add(base)} AND COLUMN_NAME = ${binds.add(sql.model.getAttributes().title.field ?? 'title')}`,
      binds,
      transaction,
    );
    const collation = /^\w+$/.test(column?.collation ?? '') ? ` COLLATE=${column.collation}` : '';
    await sql.run(
      `CREATE TABLE IF NOT EXISTS ${runs} (${start} BIGINT PRIMARY KEY, ${end} BIGINT NOT NULL, ${text} TEXT NOT NULL, ` +
        `FULLTEXT KEY ${sql.quote(`${base}_fts_runs_text`)} (${text})) ENGINE=InnoDB${collation}`,
      sql.binds(),
      transaction,
    );
  }

  /** Drops the index (the plugin's removal); the job would build it again. */
  async drop(): Promise<void> {
    if (this.textBeside) {
      const { sql, runs } = this.names();
      await sql.run(`DROP TABLE IF EXISTS ${runs}`, sql.binds(), undefined);
      return;
    }
    if (this.dialect !== 'sqlite') return;
    const { sql, texts, runs, legacy } = this.names();
    for (const table of [texts, runs, ...legacy]) await sql.run(`DROP TABLE IF EXISTS ${table}`, sql.binds(), undefined);
  }

  /** The highest id indexed and the highest id there is (0 for none). */
  private async ends(transaction: Transaction | undefined): Promise<{ indexed: number; top: number }> {
    const { sql, runs } = this.names();
    const { start, end } = this.cols;
    const [row] = await sql.rows<{ indexed: number | null; top: number | null }>(
      `SELECT (SELECT ${end} FROM ${runs} ORDER BY ${start} DESC LIMIT 1) AS indexed, ` +
        `(SELECT MAX(${sql.column('id')}) FROM ${sql.table()}) AS top`,
      sql.binds(),
      transaction,
    );
    return { indexed: Number(row.indexed ?? 0), top: Number(row.top ?? 0) };
  }

  /**
   * A send's own rows (one text, ids `firstId`..`lastId`), indexed as one run in the send's own transaction when the
   * index already holds every row below them. The index then stays current with no write of its own, so no NocoBase
   * write ever meets one (SQLite fails those at once rather than wait). Behind (an import, an upgrade), the job catches
   * up first. SQLite with FTS5 only.
   */
  async appendRun(firstId: number, lastId: number, transaction: Transaction): Promise<void> {
    if (this.missing || this.dialect !== 'sqlite') return;
    const known = this.tablesThere;
    if (!known && !(await this.ensured(transaction))) return;
    this.tablesThere = true;
    try {
      await this.insertRun(firstId, lastId, transaction);
    } catch (error) {
      if (!known || !this.isMissing(error)) throw error;
      // dropped since (a database cleaned or restored under the app): made again
      this.tablesThere = false;
      await this.appendRun(firstId, lastId, transaction);
    }
  }

  private async insertRun(firstId: number, lastId: number, transaction: Transaction) {
    const { sql, runs } = this.names();
    const id = sql.column('id');
    const binds = sql.binds();
    const [first, last] = [binds.add(firstId), binds.add(lastId)];
    const indexed = `COALESCE((SELECT "endId" FROM ${runs} ORDER BY "startId" DESC LIMIT 1), 0)`;
    // the rows below ours all indexed: none between the index's end and our first row, and the index not past it
    const current = `${indexed} < ${first} AND NOT EXISTS (SELECT 1 FROM ${sql.table()} WHERE ${id} > ${indexed} AND ${id} < ${first})`;
    // its text follows it (the trigger made in ensure)
    await sql.run(`INSERT INTO ${runs} ("startId", "endId") SELECT ${first}, ${last} WHERE ${current}`, binds, transaction);
  }

  /** The index's tables, created when missing; false where SQLite has no FTS5 or PostgreSQL no pg_trgm for us. */
  private async ensured(transaction: Transaction | undefined): Promise<boolean> {
    try {
      await this.ensure(transaction);
      return true;
    } catch (error) {
      const unavailable = /no such module|extension "pg_trgm"|permission denied to create extension|gin_trgm_ops|support FULLTEXT/i;
      if (!unavailable.test(String((error as Error)?.message))) throw error;
      this.missing = true;
      return false;
    }
  }

  /** The ends before any index exists: nothing indexed, and the highest id there is. */
  private async unindexed(): Promise<{ indexed: number; top: number }> {
    const { sql } = this.names();
    const [row] = await sql.rows<{ top: number | null }>(`SELECT MAX(${sql.column('id')}) AS top FROM ${sql.table()}`, sql.binds(), undefined);
    return { indexed: 0, top: Number(row?.top ?? 0) };
  }

  /** The first and last ids of the next CHUNK_ROWS rows above `after` (there is one: the caller saw a higher id). */
  private async chunk(after: number, transaction: Transaction): Promise<{ from: number; to: number }> {
    const { sql } = this.names();
    const id = sql.column('id');
    const binds = sql.binds();
    const above = `FROM ${sql.table()} WHERE ${id} > ${binds.add(after)}`;
    const [row] = await sql.rows<{ from: number; to: number }>(
      `SELECT (SELECT MIN(${id}) ${above}) AS "from", COALESCE((SELECT ${id} ${above} ORDER BY ${id} LIMIT 1 OFFSET ${CHUNK_ROWS - 1}), ` +
        `(SELECT MAX(${id}) FROM ${sql.table()})) AS "to"`,
      binds,
      transaction,
    );
    return { from: Number(row.from), to: Number(row.to) };
  }

  /**
   * Where a search of `userId`'s rows below `before` turns to the index, as an SQL expression for the search's own
   * statements (no statement of its own): below the user's `scanned` newest rows, and never above the index's end (rows
   * above it are not in it yet). NULL when the rows are read as they are: the user has no more rows than that, or the
   * messages table was made anew since the index was built (the job builds it again). Its values are integers of ours.
   * A statement using it fails while the index's tables do not exist (not built yet, or no FTS5 in this SQLite).
   */
  splitSql(userId: number, before: number | undefined, scanned: number): string {
    const { sql, runs } = this.names();
    const { start, end } = this.cols;
    const id = sql.column('id');
    const integer = (value: number) => this.db.sequelize.escape(Math.trunc(Number(value)));
    const below = before ? ` AND ${id} < ${integer(before)}` : '';
    const indexed = `COALESCE((SELECT ${end} FROM ${runs} ORDER BY ${start} DESC LIMIT 1), 0)`;
    const top = `(SELECT MAX(${id}) FROM ${sql.table()})`;
    // where the shown and the archived rows are apart (userRowsApart), the newest shown ones: any edge below the index's
    // end is right, and only the shown rows are in id order there
    const shown = userRowsApart(this.dialect) ? ` AND ${sql.column('archivedAt')} IS NULL` : '';
    const edge =
      `(SELECT ${id} FROM ${sql.table()}${sql.useIndex(userIndex(this.dialect))} WHERE ${sql.column('userId')} = ${integer(userId)}${shown}${below} ` +
      `ORDER BY ${id} DESC LIMIT 1 OFFSET ${integer(scanned - 1)})`;
    // SQLite's MIN of a NULL is NULL (the user's rows all read as they are); PostgreSQL's LEAST would skip it
    const lower =
      this.dialect === 'sqlite' ? `MIN(${edge}, ${indexed} + 1)` : `CASE WHEN ${edge} IS NOT NULL THEN LEAST(${edge}, ${indexed} + 1) END`;
    return `(CASE WHEN ${top} >= ${indexed} THEN ${lower} END)`;
  }

  /** Whether `error` says the index's tables are not there (see splitSql). */
  isMissing(error: unknown): boolean {
    return /no such table|relation .* does not exist|Table '.*' doesn't exist/i.test(String((error as Error)?.message));
  }

  /**
   * Indexes the messages written since the last round, at most `chunks` transactions of CHUNK_ROWS rows each (all of
   * them with Infinity), yielding to the event loop between them so no write waits long behind one; answers how many
   * chunks it indexed. Nothing new (the common case) costs one read and no transaction. SQLite with FTS5, and
   * PostgreSQL with pg_trgm up to the id committedTop reads once per call.
   */
  async catchUp(chunks = CHUNKS_PER_ROUND): Promise<number> {
    if (!this.kept) return 0;
    let done = 0;
    let committed: number | undefined;
    for (let chunk = 0; chunk < chunks; chunk++) {
      // no index yet: built here only for messages written before it (an upgrade); a new install's first send builds it
      const seen = await this.ends(undefined).catch(() => this.unindexed());
      if (seen.top === seen.indexed) return done;
      if (this.textBeside) {
        if (committed === undefined && !(await this.ensured(undefined))) return done;
        committed ??= await this.committedTop();
        if (committed === undefined || committed <= seen.indexed) return done;
      }
      const top = committed;
      const wrote =
        top === undefined
          ? await new Transactions(this.db).write(undefined, (transaction) => this.indexChunk(transaction), () => undefined)
          : await this.db.sequelize.transaction((transaction) => this.indexChunk(transaction, top)).catch(doneElsewhere);
      if (wrote === undefined || (top !== undefined && wrote === 0)) return done;
      done += wrote;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return done;
  }

  /**
   * PostgreSQL: the highest id while no write to the messages is under way (taken between them, waiting at most
   * COMMITTED_WAIT_MS): every id up to it is committed or never will be. Undefined when writes kept it waiting.
   */
  private async committedTop(): Promise<number | undefined> {
    const { sql } = this.names();
    if (this.dialect === 'mariadb') return this.unlockedTop();
    try {
      return await this.db.sequelize.transaction(async (transaction) => {
        await sql.run(`SET LOCAL lock_timeout = ${COMMITTED_WAIT_MS}`, sql.binds(), transaction);
        await sql.run(`LOCK TABLE ${sql.table()} IN SHARE MODE`, sql.binds(), transaction);
        const [row] = await sql.rows<{ top: number | null }>(`SELECT MAX(${sql.column('id')}) AS top FROM ${sql.table()}`, sql.binds(), transaction);
        return Number(row?.top ?? 0);
      });
    } catch (error) {
      if (/lock timeout/i.test(String((error as Error)?.message))) return undefined;
      throw error;
    }
  }

  /**
   * MariaDB: the same, read under a read lock of the messages table, which a write under way holds off (a transaction
   * that wrote keeps its table's metadata lock until it ends). NOWAIT: with one under way, the next round tries again.
   */
  private async unlockedTop(): Promise<number | undefined> {
    const { sql } = this.names();
    try {
      return await this.db.sequelize.transaction(async (transaction) => {
        try {
          await sql.run(`LOCK TABLES ${sql.table()} READ NOWAIT`, sql.binds(), transaction);
          const [row] = await sql.rows<{ top: number | null }>(`SELECT MAX(${sql.column('id')}) AS top FROM ${sql.table()}`, sql.binds(), transaction);
          return Number(row?.top ?? 0);
        } finally {
          await sql.run('UNLOCK TABLES', sql.binds(), transaction);
        }
      });
    } catch (error) {
      const message = String((error as Error)?.message);
      if (/Lock wait timeout/i.test(message)) return undefined;
      // without the LOCK TABLES privilege no id is known to be final: no index, searches read the rows
      if (!/Access denied/i.test(message)) throw error;
      this.missing = true;
      return undefined;
    }
  }

  /**
   * One chunk, in one of our write transactions: answers 1, 0 when another process did it, undefined without FTS5.
   * PostgreSQL and MariaDB (`committed`: see committedTop): never past that id. PostgreSQL's nodes take turns; on
   * MariaDB two nodes may compute the same chunk, and the second to commit fails on its first run's key (see catchUp).
   */
  private async indexChunk(transaction: Transaction, committed?: number): Promise<number | undefined> {
    const { sql, texts, runs, legacy } = this.names();
    const { start, end, text: textColumn } = this.cols;
    const textBeside = committed !== undefined;
    if (this.dialect === 'postgres') {
      const lockBinds = sql.binds();
      await sql.run(`SELECT pg_advisory_xact_lock(hashtext(${lockBinds.add(runs)}))`, lockBinds, transaction);
    } else if (!textBeside && !(await this.ensured(transaction))) return undefined;
    // read again under the write lock: ids up to `top` are committed and final, and another process's chunk counts
    const ends = await this.ends(transaction);
    const { indexed } = ends;
    const top = textBeside ? Math.min(ends.top, committed) : ends.top;
    if (top === indexed) return 0;
    const [id, title, content] = ['id', 'title', 'content'].map((a) => sql.column(a));
    // ids never go back (AUTOINCREMENT) unless the messages table was made anew: then so is the index; otherwise
    // the runs wholly below the oldest message are gone (retention), and their texts with them
    const oldest = `(SELECT MIN(${id}) FROM ${sql.table()})`;
    const gone = top < indexed ? '' : ` WHERE ${start} < ${oldest} AND ${end} < ${oldest}`;
    if (!textBeside) {
      if (indexed === 0) for (const table of legacy) await sql.run(`DROP TABLE IF EXISTS ${table}`, sql.binds(), transaction);
      await sql.run(`DELETE FROM ${texts} WHERE rowid IN (SELECT -"startId" FROM ${runs}${gone})`, sql.binds(), transaction);
    }
    await sql.run(`DELETE FROM ${runs}${gone}`, sql.binds(), transaction);
    // counted in rows, not ids: a gap deletions left costs nothing, and the chunk's last row ends the index
    const chunk = await this.chunk(top < indexed ? 0 : indexed, transaction);
    const [from, to] = [chunk.from, textBeside ? Math.min(chunk.to, top) : chunk.to];
    if (!(from <= to)) return 0;
    const binds = sql.binds();
    const [lo, hi] = [binds.add(from), binds.add(to)];
    // a run starts where the title or content differs from the row before (or at the chunk's first row)
    const differs = (a: string, b: string) =>
      ({ postgres: `${a} IS DISTINCT FROM ${b}`, mariadb: `NOT (${a} <=> ${b})` })[this.dialect] ?? `${a} IS NOT ${b}`;
    const runsOfChunk =
      `SELECT MIN(i) AS s, MAX(i) AS e FROM (` +
      `SELECT i, SUM(starts) OVER (ORDER BY i) AS run FROM (` +
      `SELECT ${id} AS i, CASE WHEN LAG(${id}) OVER w IS NULL OR ${differs(`LAG(${title}) OVER w`, title)} ` +
      `OR ${differs(`LAG(${content}) OVER w`, content)} THEN 1 ELSE 0 END AS starts ` +
      `FROM ${sql.table()} WHERE ${id} BETWEEN ${lo} AND ${hi} WINDOW w AS (ORDER BY ${id})) a) b GROUP BY run`;
    if (textBeside) {
      // the run's text beside it, from its first row; a newline between title and content, so no match spans both
      const text =
        this.dialect === 'postgres'
          ? `m.${title} || chr(10) || COALESCE(m.${content}, '')`
          : `CONCAT(m.${title}, ${binds.add('\n')}, COALESCE(m.${content}, ''))`;
      await sql.run(
        `INSERT INTO ${runs} (${start}, ${end}, ${textColumn}) SELECT r.s, r.e, ${text} FROM (${runsOfChunk}) r JOIN ${sql.table()} m ON m.${id} = r.s`,
        binds,
        transaction,
      );
      return 1;
    }
    // each run's text follows it (the trigger made in ensure)
    await sql.run(`INSERT INTO ${runs} ("startId", "endId") SELECT s, e FROM (${runsOfChunk}) r`, binds, transaction);
    return 1;
  }

  /**
   * The share of the newest SAMPLED_RUNS indexed texts holding each trigram, in one statement: a rowid range of the
   * index, so a trigram every text holds costs SAMPLED_RUNS entries, not all of its own.
   */
  private async sharesOf(trigrams: string[]): Promise<Map<string, number>> {
    const { sql, texts, runs } = this.names();
    const binds = sql.binds();
    const counts = trigrams.map((trigram, i) => `(SELECT count(*) FROM ${texts} WHERE ${texts} MATCH ${binds.add(phrase(trigram))} AND rowid <= w.edge) AS c${i}`);
    const [row] = await sql.rows<Record<string, number | null>>(
      `SELECT w.n AS n, ${counts.join(', ')} FROM (SELECT count(*) AS n, -MIN("startId") AS edge FROM ` +
        `(SELECT "startId" FROM ${runs} ORDER BY "startId" DESC LIMIT ${SAMPLED_RUNS})) w`,
      binds,
      undefined,
    );
    const sampled = Number(row?.n ?? 0);
    return new Map(trigrams.map((trigram, i) => [trigram, sampled ? Number(row[`c${i}`] ?? 0) / sampled : 0]));
  }

  /** PostgreSQL, MariaDB: the share of the newest SAMPLED_RUNS texts holding each word, in one statement. */
  private async wordSharesOf(words: string[]): Promise<Map<string, number>> {
    const { sql, runs } = this.names();
    const { start, text } = this.cols;
    const binds = sql.binds();
    // MariaDB's LIKE takes the case of the text's collation (any case); PostgreSQL's needs ILIKE for it
    const like = this.dialect === 'postgres' ? 'ILIKE' : 'LIKE';
    const counts = words.map((word, i) => `COUNT(CASE WHEN t.${text} ${like} ${binds.add(containsPattern(word))} THEN 1 END) AS c${i}`);
    const [row] = await sql.rows<Record<string, number | string | null>>(
      `SELECT COUNT(*) AS n, ${counts.join(', ')} FROM (SELECT ${text} FROM ${runs} ORDER BY ${start} DESC LIMIT ${SAMPLED_RUNS}) t`,
      binds,
      undefined,
    );
    const sampled = Number(row?.n ?? 0);
    return new Map(words.map((word, i) => [word, sampled ? Number(row[`c${i}`] ?? 0) / sampled : 0]));
  }

  /**
   * The runs that may hold `q` (any case) below `below` (an SQL expression), newest first, at most RUNS_PER_READ: a
   * SELECT of their "startId"s. The index streams its runs newest first, so a frequent text costs one step, not every
   * run that holds it. (Its texts sit under their run's first id negated: FTS5 streams matches in rising rowid order
   * only; the other way it reads every match first.) `q` goes in as quoted trigrams, so no character of it is an
   * operator; the index only narrows: the caller checks each row's text. A `below` of 0 reads no run: every indexed
   * rowid is negative.
   */
  async runsSql(q: string, below: string, binds: Binds): Promise<string> {
    const { texts, runs } = this.names();
    if (this.dialect === 'mariadb') {
      const { start, end, text } = this.cols;
      const asked = booleanQuery(await this.tellingTerms(q));
      return (
        `SELECT ${start}, ${end} FROM ${runs} WHERE MATCH(${text}) AGAINST (${binds.add(asked)} IN BOOLEAN MODE) ` +
        `AND ${start} < ${below} ORDER BY ${start} DESC LIMIT ${RUNS_PER_READ}`
      );
    }
    if (this.dialect === 'postgres') {
      const words = wordsOf(q);
      const frequent = await this.wordShares.frequent(words, (some) => this.wordSharesOf(some));
      const telling = words.filter((word) => !frequent.has(word));
      const holds = (telling.length ? telling : [q]).map((text) => `"text" ILIKE ${binds.add(containsPattern(text))}`);
      // "below > 0" first: checked once, it skips the index when no run is to be read; "+ 0": read by the trigram
      // index and sorted, never by walking the key newest first past every other run; "below" beside each run:
      // computed once here, not again in each run's read of the rows (rangesSql)
      return (
        `SELECT "startId", ${below} AS "below" FROM ${runs} WHERE ${below} > 0 AND ${holds.join(' AND ')} ` +
        `AND "startId" < ${below} ORDER BY "startId" + 0 DESC LIMIT ${RUNS_PER_READ}`
      );
    }
    const frequent = await this.shares.frequent(trigramsCovering(q), (trigrams) => this.sharesOf(trigrams));
    return (
      `SELECT -rowid AS "startId" FROM ${texts} WHERE ${texts} MATCH ${binds.add(coveringTrigrams(q, frequent))} ` +
      `AND rowid > -${below} ORDER BY rowid LIMIT ${RUNS_PER_READ}`
    );
  }

  /**
   * MariaDB: the words its index is asked for in a search for `q` (usable: at least one), but for those most texts
   * hold, unless every one is.
   */
  private async tellingTerms(q: string): Promise<FulltextTerm[]> {
    const rules = await (this.rules ??= this.fulltextRules().catch(() => undefined));
    if (!rules) return [];
    const terms = fulltextTerms(q, rules);
    const frequent = await this.wordShares.frequent(
      terms.map(({ word }) => word),
      (words) => this.wordSharesOf(words),
    );
    const telling = terms.filter(({ word }) => !frequent.has(word));
    return telling.length ? telling : terms;
  }

  /** MariaDB: the word lengths InnoDB's FULLTEXT indexes and its stopwords (the server's list, or InnoDB's own). */
  private async fulltextRules(): Promise<FulltextRules> {
    const { sql } = this.names();
    const [settings] = await sql.rows<{ min: number; max: number; enabled: number; list: string | null }>(
      'SELECT @@innodb_ft_min_token_size AS min, @@innodb_ft_max_token_size AS max, @@innodb_ft_enable_stopword AS enabled, ' +
        '@@innodb_ft_server_stopword_table AS list',
      sql.binds(),
      undefined,
    );
    const table = settings.list ? settings.list.split('/').map((name) => sql.quote(name)).join('.') : 'information_schema.INNODB_FT_DEFAULT_STOPWORD';
    const stopwords = Number(settings.enabled) ? await sql.rows<{ value: string }>(`SELECT value FROM ${table}`, sql.binds(), undefined) : [];
    return {
      minChars: Number(settings.min),
      maxChars: Number(settings.max),
      stopwords: new Set(stopwords.map(({ value }) => String(value).toLowerCase())),
    };
  }

  /**
   * PostgreSQL: the FROM of the runs (f) that `runs` (runsSql) names, each with its id range (r), and the condition
   * on an id (`id`, SQL) of being in the range and below the search's split, for a page read one range at a time
   * (LATERAL, by the user's (userId, id) index): left to itself the planner walked every id newest first. Undefined
   * elsewhere (rowsInRunsSql).
   */
  rangesSql(runs: string): { from: string; holds: (id: string) => string } | undefined {
    if (this.dialect !== 'postgres') return undefined;
    return {
      from: `${runs} f JOIN ${this.names().runs} r ON r."startId" = f."startId"`,
      holds: (id) => `${id} BETWEEN r."startId" AND r."endId" AND ${id} < f."below"`,
    };
  }

  /**
   * SQLite: the FROM of `userId`'s rows (m) below `below` in the runs (f) that `runs` (a table or subquery of
   * "startId"s) names. CROSS JOIN keeps this order (SQLite never reorders it): the runs the index found, then the
   * user's rows in them.
   */
  rowsInRunsSql(runs: string, userId: number, below: string, binds: Binds): string {
    const { sql, runs: ranges } = this.names();
    const id = sql.column('id');
    return (
      `FROM ${runs} f CROSS JOIN ${ranges} r ON r."startId" = f."startId" ` +
      `JOIN ${sql.table()} m ON m.${sql.column('userId')} = ${binds.add(userId)} AND m.${id} BETWEEN r."startId" AND r."endId" AND m.${id} < ${below}`
    );
  }
}

/**
 * A chunk that failed on a run's key was indexed by another node meanwhile (its first run starts where ours does):
 * nothing left for this round, 0; any other error stands.
 */
const doneElsewhere = (error: unknown): number => {
  if (error instanceof UniqueConstraintError) return 0;
  throw error;
};

/**
 * Pure: where the step after one that read `runsRead` runs, the lowest starting at `lowestRun`, starts; undefined when
 * it read fewer than a step's worth, so none is left.
 */
export const nextStep = (runsRead: number, lowestRun: number): number | undefined => (runsRead < RUNS_PER_READ ? undefined : lowestRun);
