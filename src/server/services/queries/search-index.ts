import type { Database } from '@nocobase/database';
import { Transaction } from 'sequelize';
import { COLLECTIONS } from '../../../shared/constants';
import { TableSql } from '../store/sql';
import { Transactions } from '../store/transactions';
import { TrigramShares } from './trigram-shares';

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
/** Pure: `text` as one FTS5 phrase (quotes doubled), so no character of it is an operator. */
const phrase = (text: string): string => `"${text.replace(/"/g, '""')}"`;

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
 */
export class SearchIndex {
  /** This SQLite was built without FTS5 (found on first use): searches read the rows, as on other databases. */
  private missing = false;
  /** The trigrams a search leaves out of its index query (see coveringTrigrams). */
  private readonly shares = new TrigramShares();

  constructor(private readonly db: Database) {}

  /** Whether a search for `q` can use the index here. */
  usable(q: string | undefined): q is string {
    return !this.missing && this.db.sequelize.getDialect() === 'sqlite' && !!q && [...q].length >= MIN_CHARS;
  }

  private get sql() {
    return new TableSql(this.db, COLLECTIONS.messages);
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
      legacy: [sql.quote(`${base}_search`), sql.quote(`${base}_search_runs`)],
    };
  }

  /**
   * Created when missing, at every indexing chunk (two statements SQLite answers from its schema): a new install, an
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

  /** Drops the index (the plugin's removal); the job would build it again. */
  async drop(): Promise<void> {
    if (this.db.sequelize.getDialect() !== 'sqlite') return;
    const { sql, texts, runs, legacy } = this.names();
    for (const table of [texts, runs, ...legacy]) await sql.run(`DROP TABLE IF EXISTS ${table}`, sql.binds(), undefined);
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
   * A send's own rows (one text, ids `firstId`..`lastId`), indexed as one run in the send's own transaction when the
   * index already holds every row below them. The index then stays current with no write of its own, so no NocoBase
   * write ever meets one (SQLite fails those at once rather than wait). Behind (an import, an upgrade), the job catches
   * up first. SQLite with FTS5 only.
   */
  async appendRun(firstId: number, lastId: number, text: { title: string; content: string | null }, transaction: Transaction): Promise<void> {
    if (this.missing || this.db.sequelize.getDialect() !== 'sqlite') return;
    if (!(await this.ensured(transaction))) return;
    const { sql, texts, runs } = this.names();
    const id = sql.column('id');
    const binds = sql.binds();
    const [first, last] = [binds.add(firstId), binds.add(lastId)];
    const indexed = `COALESCE((SELECT "endId" FROM ${runs} ORDER BY "startId" DESC LIMIT 1), 0)`;
    // the rows below ours all indexed: none between the index's end and our first row, and the index not past it
    const current = `${indexed} < ${first} AND NOT EXISTS (SELECT 1 FROM ${sql.table()} WHERE ${id} > ${indexed} AND ${id} < ${first})`;
    await sql.run(`INSERT INTO ${runs} ("startId", "endId") SELECT ${first}, ${last} WHERE ${current}`, binds, transaction);
    const texted = sql.binds();
    await sql.run(
      `INSERT INTO ${texts} (rowid, title, content) SELECT ${texted.add(-firstId)}, ${texted.add(text.title)}, ${texted.add(text.content)} ` +
        `WHERE EXISTS (SELECT 1 FROM ${runs} WHERE "startId" = ${texted.add(firstId)})`,
      texted,
      transaction,
    );
  }

  /** The index's tables, created when missing; false where SQLite has no FTS5. */
  private async ensured(transaction: Transaction): Promise<boolean> {
    try {
      await this.ensure(transaction);
      return true;
    } catch (error) {
      if (!/no such module/i.test(String((error as Error)?.message))) throw error;
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
    const id = sql.column('id');
    const integer = (value: number) => this.db.sequelize.escape(Math.trunc(Number(value)));
    const below = before ? ` AND ${id} < ${integer(before)}` : '';
    const indexed = `COALESCE((SELECT "endId" FROM ${runs} ORDER BY "startId" DESC LIMIT 1), 0)`;
    const top = `(SELECT MAX(${id}) FROM ${sql.table()})`;
    const edge =
      `(SELECT ${id} FROM ${sql.table()} WHERE ${sql.column('userId')} = ${integer(userId)}${below} ` +
      `ORDER BY ${id} DESC LIMIT 1 OFFSET ${integer(scanned - 1)})`;
    return `(CASE WHEN ${top} >= ${indexed} THEN MIN(${edge}, ${indexed} + 1) END)`;
  }

  /** Whether `error` says the index's tables are not there (see splitSql). */
  isMissing(error: unknown): boolean {
    return /no such table/i.test(String((error as Error)?.message));
  }

  /**
   * Indexes the messages written since the last round, at most `chunks` transactions of CHUNK_ROWS rows each (all of
   * them with Infinity), yielding to the event loop between them so no write waits long behind one; answers how many
   * chunks it indexed. Nothing new (the common case) costs one read and no transaction. SQLite with FTS5 only.
   */
  async catchUp(chunks = CHUNKS_PER_ROUND): Promise<number> {
    if (this.missing || this.db.sequelize.getDialect() !== 'sqlite') return 0;
    let done = 0;
    for (let chunk = 0; chunk < chunks; chunk++) {
      // no index yet: built here only for messages written before it (an upgrade); a new install's first send builds it
      const seen = await this.ends(undefined).catch(() => this.unindexed());
      if (seen.top === seen.indexed) return done;
      const wrote = await new Transactions(this.db).write(undefined, (transaction) => this.indexChunk(transaction), () => undefined);
      if (wrote === undefined) return done;
      done += wrote;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return done;
  }

  /** One chunk, in one of our write transactions: answers 1, 0 when another process did it, undefined without FTS5. */
  private async indexChunk(transaction: Transaction): Promise<number | undefined> {
    if (!(await this.ensured(transaction))) return undefined;
    // read again under the write lock: ids up to `top` are committed and final, and another process's chunk counts
    const { indexed, top } = await this.ends(transaction);
    if (top === indexed) return 0;
    const { sql, texts, runs, legacy } = this.names();
    const [id, title, content] = ['id', 'title', 'content'].map((a) => sql.column(a));
    // ids never go back (AUTOINCREMENT) unless the messages table was made anew: then so is the index; otherwise
    // the runs wholly below the oldest message are gone (retention), and their texts with them
    const oldest = `(SELECT MIN(${id}) FROM ${sql.table()})`;
    const gone = top < indexed ? '' : ` WHERE "startId" < ${oldest} AND "endId" < ${oldest}`;
    if (indexed === 0) for (const table of legacy) await sql.run(`DROP TABLE IF EXISTS ${table}`, sql.binds(), transaction);
    await sql.run(`DELETE FROM ${texts} WHERE rowid IN (SELECT -"startId" FROM ${runs}${gone})`, sql.binds(), transaction);
    await sql.run(`DELETE FROM ${runs}${gone}`, sql.binds(), transaction);
    // counted in rows, not ids: a gap deletions left costs nothing, and the chunk's last row ends the index
    const { from, to } = await this.chunk(top < indexed ? 0 : indexed, transaction);
    const binds = sql.binds();
    const [lo, hi] = [binds.add(from), binds.add(to)];
    // a run starts where the title or content differs from the row before (or at the chunk's first row)
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
      `INSERT INTO ${texts} (rowid, title, content) SELECT -m.${id}, m.${title}, m.${content} FROM ${runs} r ` +
        `JOIN ${sql.table()} m ON m.${id} = r."startId" WHERE r."startId" BETWEEN ${texted.add(from)} AND ${texted.add(to)}`,
      texted,
      transaction,
    );
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

  /**
   * One step down a search of `userId`'s rows below `below` through the index: the next RUNS_PER_READ runs that may
   * hold `q` (any case), newest first, and the user's rows in them (ids, any order); `next` is where the following step
   * starts, undefined when no run is left. The index streams its runs newest first, so a frequent text costs one
   * step, not every run that holds it. (Its texts sit under their run's first id negated: FTS5 streams matches in
   * rising rowid order only; the other way it reads every match first.) `q` goes in as quoted trigrams, so no
   * character of it is an operator; the index only narrows: the caller checks each row's text.
   */
  async candidates(userId: number, q: string, below: number | { sql: string }): Promise<{ ids: number[]; next: number | undefined }> {
    const { sql, texts, runs } = this.names();
    const id = sql.column('id');
    const frequent = await this.shares.frequent(trigramsCovering(q), (trigrams) => this.sharesOf(trigrams));
    const binds = sql.binds();
    // a split of 0 (splitSql, COALESCE'd) reads no run: every indexed rowid is negative
    const under = typeof below === 'number' ? binds.add(below) : below.sql;
    // CROSS JOIN keeps this order (SQLite never reorders it): the runs the index finds, then the user's rows in them;
    // LEFT so that a run without any of them still counts as read
    const rows = await sql.rows<{ run: number; id: number | null }>(
      `SELECT f."startId" AS run, m.${id} AS id FROM (SELECT -rowid AS "startId" FROM ${texts} WHERE ${texts} MATCH ${binds.add(coveringTrigrams(q, frequent))} ` +
        `AND rowid > -${under} ORDER BY rowid LIMIT ${RUNS_PER_READ}) f CROSS JOIN ${runs} r ON r."startId" = f."startId" ` +
        `LEFT JOIN ${sql.table()} m ON m.${sql.column('userId')} = ${binds.add(userId)} AND m.${id} BETWEEN r."startId" AND r."endId" AND m.${id} < ${under}`,
      binds,
      undefined,
    );
    const read = new Set(rows.map((row) => Number(row.run)));
    const ids = rows.filter((row) => row.id !== null).map((row) => Number(row.id));
    return { ids, next: read.size < RUNS_PER_READ ? undefined : Math.min(...read) };
  }
}
