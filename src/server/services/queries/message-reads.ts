import type { Database } from '@nocobase/database';
import { Op, Transaction, WhereOptions, col, fn, where as sqlWhere } from 'sequelize';
import { COLLECTIONS } from '../../../shared/constants';
import { notFound } from '../errors';
import { StoredMessage, toIso, toMessage } from '../store/serialize';
import { TableSql } from '../store/sql';
import type { Page } from '../validation/view-query';
import { SearchIndex, nextStep } from './search-index';
import { userIndex, userRowsApart, viewIndex, viewWhere } from './view-filter';
import type { ChannelSummary, InboxMessage } from '../../../shared/contract';
import { RAW_READ } from '../store/raw-reads';
import { liveCountersSql } from './live-counters';
import { PendingCounts } from '../store/pending-counts';

interface CounterRow {
  channelName: string;
  unreadCount: number;
  totalCount: number;
  lastMessageId: number;
}

/** One user's counters as `counters` reads them: channels listed, muted ones as stored. */
export interface UserCounters {
  channels: Record<string, { unread: number; total: number }>;
  muted: unknown;
}

/** Due rows read per user a wake-up round takes: enough to find `limit` users behind a few busy ones. */
const DUE_ROWS_PER_USER = 20;

/**
 * Pages ordered unread first: the unread part newest first, then the read part newest first, each read by its own
 * query so both stay on the index order. `read` fetches one part below a cursor id.
 */
async function unreadFirst<T>(
  page: Page,
  read: (unread: boolean, before: number | undefined, limit: number) => Promise<T[]>,
): Promise<T[]> {
  const rows: T[] = [];
  const parts = page.before?.unread === false ? [false] : [true, false];
  for (const [i, unread] of parts.entries()) {
    if (rows.length >= page.limit) break;
    rows.push(...(await read(unread, i === 0 ? page.before?.id : undefined, page.limit - rows.length)));
  }
  return rows;
}

/** Ids a statement reads by at most: far below every database's limit on bound values. */
const IDS_PER_READ = 1000;
/** A search reads this many of the user's newest rows as they are before it turns to the index. */
const SCANNED_ROWS = 200;

/** A row as a page reads it, with what the read computed beside it. */
type FoundRow = StoredMessage & { searchFrom?: number | string | null };
/** The newest rows a search found, and where the index part of it starts (SQL; '0': nowhere, every row was read). */
type Found = { rows: FoundRow[]; from: string };
/** One read of a page's rows that the view shows, newest first, at most `rows`. */
type Find = (rows: number) => Promise<StoredMessage[]>;

/**
 * A search of one page: the user's rows below `before` (none: from the newest) that `where` shows, `limit` at most,
 * read by the index on `index` (the view's: see viewIndex).
 */
interface Search {
  userId: number;
  q: string;
  before: number | undefined;
  limit: number;
  where: WhereOptions;
  index: string[];
}

/** A search as its raw statements read it: the where written as SQL. */
type SearchSql = Omit<Search, 'where'> & { view: string };

/**
 * A row of a search step's statement: a message (all null in the one row of a step that found none) and beside it
 * how many runs the step read and the lowest of them.
 */
type StepRow = StoredMessage & { runsRead: number | string; lowestRun: number | string | null };

/** Pure: an integer read from the database, as SQL (it came from our own rows: nothing else can be in it). */
const sqlInteger = (value: unknown): string => String(Math.trunc(Number(value)) || 0);

/** A channel's newest message as its summary reads it. */
type LatestRow = Pick<StoredMessage, 'id' | 'title' | 'createdAt'>;

/** A user's own messages among some ids, with their channels: what a change locks, writes and recounts. */
export interface OwnMessages {
  ids: number[];
  channelNames: string[];
}

/**
 * Every read of the messages: a user's pages, channel list and counts, the reads a stream catches up with, and the
 * reads a change makes inside its transaction. Each query of one user is bounded by the user's own index prefix.
 */
export class MessageReads {
  /** The trigram index searches read on SQLite; its job (SearchIndexJob) keeps it caught up. */
  readonly search: SearchIndex;

  constructor(private readonly db: Database) {
    this.search = new SearchIndex(db);
  }

  private get dialect(): string {
    return this.db.sequelize.getDialect();
  }

  private get messageSql(): TableSql {
    return new TableSql(this.db, COLLECTIONS.messages);
  }

  private model(name: string) {
    return this.db.getModel(name);
  }

  private field(collection: string, attribute: string): string {
    return this.model(collection).getAttributes()[attribute].field ?? attribute;
  }

  async messages(userId: number, page: Page): Promise<InboxMessage[]> {
    const read = async (unread: boolean | undefined, before: number | undefined, limit: number) => {
      const where: WhereOptions = {
        [Op.and]: [
          viewWhere(this.db, userId, page.filter),
          unread === undefined ? {} : { readAt: unread ? null : { [Op.ne]: null } },
          before ? { id: { [Op.lt]: before } } : {},
        ],
      };
      const index = viewIndex(page.filter, this.dialect);
      const find: Find = async (rows) =>
        (await this.model(COLLECTIONS.messages).findAll({
          where,
          order: [['id', 'DESC']],
          limit: rows,
          ...this.messageSql.indexHints(index),
          // rows as read: toMessage takes any dialect's raw values, and model instances cost more than the query
          ...RAW_READ,
        })) as unknown as StoredMessage[];
      const q = page.filter.q;
      if (!q || !(await this.search.usable(q))) return (await find(limit)).map(toMessage);
      return this.searched({ userId, q, before, limit, where, index }, find);
    };
    return page.sort === 'unread' ? unreadFirst(page, read) : read(undefined, page.before?.id, page.limit);
  }

  /**
   * A page of a search, newest first. The user's newest SCANNED_ROWS rows are read as they are (a frequent text
   * fills the page there, in one statement); below them the index narrows the rows to those whose text may hold the
   * search, so a rare text does not read the user's whole history. Where that split lies is computed inside the
   * statements (splitSql), not read first. Nothing is written: the rows the index does not hold yet (the job indexes
   * them in the background) are read as they are.
   */
  private async searched({ where, ...rest }: Search, find: Find): Promise<InboxMessage[]> {
    // written once: the newest rows and every step of the index read by the same where
    const search: SearchSql = { ...rest, view: this.messageSql.whereSql(where) };
    const { userId, before, limit } = search;
    const splitSql = `COALESCE(${this.search.splitSql(userId, before, SCANNED_ROWS)}, 0)`;
    let newest: Found;
    let split = splitSql;
    try {
      // MariaDB bounds no index read by a subquery's value: it walked every row of the user (1.4 s for 100,000) and
      // is given the split as a number, read first
      if (this.search.readsRunsFirst) split = await this.valueOf(splitSql);
      newest = await this.newestFound(search, split);
    } catch (error) {
      if (!this.search.isMissing(error)) throw error;
      return (await find(limit)).map(toMessage);
    }
    const { rows, from } = newest;
    // 0: every row was read as it is, found or not
    if (rows.length >= limit || from === '0') return rows.map(toMessage);
    return [...rows.map(toMessage), ...(await this.olderFound(search, from, limit - rows.length))];
  }

  /** The value of an integer SQL expression, as SQL. */
  private async valueOf(expression: string): Promise<string> {
    const sql = this.messageSql;
    const [row] = await sql.rows<{ value: unknown }>(`SELECT ${expression} AS ${sql.quote('value')}`, sql.binds(), undefined);
    return sqlInteger(row?.value);
  }

  /**
   * A search's rows at or above the split (SQL), newest first, at most a page, and the split's value (as SQL), in one
   * raw statement, which costs less than a find builds. The split comes in a row of its own when no row is found: a
   * user whose every row was read then needs no step of the index (a second statement, 1.4 ms at 10,000 messages).
   */
  private async newestFound(search: SearchSql, split: string): Promise<Found> {
    const sql = this.messageSql;
    const [id, from] = [sql.quote('id'), sql.quote('searchFrom')];
    const rows = await sql.rows<FoundRow>(
      `WITH page AS (${this.searchPageSql(search, (rowId) => `${rowId} >= ${split}`)}) ` +
        `SELECT page.*, w.${from} FROM (SELECT ${split} AS ${from}) w LEFT JOIN page ON 1 = 1 ORDER BY page.${id} DESC`,
      sql.binds(),
      undefined,
    );
    return { rows: rows.filter((row) => row.id !== null), from: sqlInteger(rows[0]?.searchFrom) };
  }

  /**
   * A search's page as SQL: the rows of table `p` the view shows whose id (SQL) meets `idHolds`, newest first; MariaDB
   * is told the view's index, as its finds are (TableSql.useIndex).
   */
  private searchPageSql({ view, index, limit }: SearchSql, idHolds: (id: string) => string): string {
    const sql = this.messageSql;
    const id = `p.${sql.column('id')}`;
    return (
      `SELECT ${sql.columns('p')} FROM ${sql.table()} p${sql.useIndex(index)} WHERE ${view} AND ${idHolds(id)} ` +
      `ORDER BY ${id} DESC LIMIT ${Math.trunc(limit)}`
    );
  }

  /** A search's rows below `from` (SQL), newest first: a step of the index a statement, until the page is full. */
  private async olderFound(search: SearchSql, from: string, limit: number): Promise<InboxMessage[]> {
    const rows: InboxMessage[] = [];
    for (let below: string | undefined = from; below !== undefined && rows.length < limit; ) {
      const step = await this.searchStep(search, below, limit - rows.length);
      rows.push(...step.rows);
      below = step.next === undefined ? undefined : sqlInteger(step.next);
    }
    return rows;
  }

  /**
   * One step of a search through the index, in one statement: the runs that may hold the text below `below` (`f`),
   * the user's rows in them that the view shows, newest first, at most `limit`, and beside them (in a row of their
   * own when there is none) how many runs the step read and the lowest: where the next step starts, if any.
   */
  private async searchStep(search: SearchSql, below: string, limit: number): Promise<{ rows: InboxMessage[]; next?: number }> {
    if (this.search.readsRunsFirst) return this.searchStepInTwo(search, below, limit);
    const sql = this.messageSql;
    const binds = sql.binds();
    const runs = await this.search.runsSql(search.q, below, binds);
    const id = sql.column('id');
    const ranges = this.search.rangesSql('f');
    const page = ranges
      ? `SELECT x.* FROM ${ranges.from} CROSS JOIN LATERAL (${this.searchPageSql({ ...search, limit }, ranges.holds)}) x ` +
        `ORDER BY x.${sql.quote('id')} DESC LIMIT ${Math.trunc(limit)}`
      : this.searchPageSql({ ...search, limit }, (rowId) => `${rowId} IN (SELECT m.${id} ${this.search.rowsInRunsSql('f', search.userId, below, binds)})`);
    const rows = await sql.rows<StepRow>(
      `WITH f AS MATERIALIZED (${runs}), page AS (${page}) ` +
        `SELECT page.*, w."runsRead", w."lowestRun" FROM ` +
        `(SELECT (SELECT COUNT(*) FROM f) AS "runsRead", (SELECT MIN("startId") FROM f) AS "lowestRun") w ` +
        `LEFT JOIN page ON 1 = 1 ORDER BY page.${sql.quote('id')} DESC`,
      binds,
      undefined,
    );
    const [{ runsRead, lowestRun }] = rows;
    return { rows: rows.filter((row) => row.id !== null).map(toMessage), next: nextStep(Number(runsRead), Number(lowestRun)) };
  }

  /**
   * searchStep where a statement cannot read each run's rows by itself (MariaDB has no LATERAL): the runs first, then
   * the user's rows in their id ranges, which the (userId, id) index reads as so many ranges.
   */
  private async searchStepInTwo(search: SearchSql, below: string, limit: number): Promise<{ rows: InboxMessage[]; next?: number }> {
    const sql = this.messageSql;
    const binds = sql.binds();
    const runs = await sql.rows<{ startId: number | string; endId: number | string }>(await this.search.runsSql(search.q, below, binds), binds, undefined);
    if (!runs.length) return { rows: [] };
    const inRuns = (id: string) =>
      `(${runs.map((run) => `${id} BETWEEN ${sqlInteger(run.startId)} AND ${sqlInteger(run.endId)}`).join(' OR ')}) AND ${id} < ${below}`;
    const rows = await sql.rows<StoredMessage>(this.searchPageSql({ ...search, limit }, inRuns), sql.binds(), undefined);
    return { rows: rows.map(toMessage), next: nextStep(runs.length, Number(runs[runs.length - 1].startId)) };
  }

  /**
   * The channels with messages in the view, newest activity first. The plain views read the counters; a search, a
   * level or a view of put-aside messages counts the matching messages per channel instead.
   */
  async channels(userId: number, page: Page): Promise<ChannelSummary[]> {
    const { filter } = page;
    const plain = !filter.q && !filter.levels?.length && !['archived', 'snoozed'].includes(filter.status);
    const read = (unread: boolean | undefined, before: number | undefined, limit: number) =>
      plain ? this.counterRows(userId, page, unread, before, limit) : this.matchingRows(userId, page, unread, before, limit);
    const counters = await (page.sort === 'unread' ? unreadFirst(page, read) : read(undefined, page.before?.id, page.limit));
    return this.summaries(userId, counters);
  }

  private async counterRows(userId: number, page: Page, unread: boolean | undefined, before: number | undefined, limit: number) {
    const sql = new TableSql(this.db, COLLECTIONS.counters);
    const binds = sql.binds();
    const [unreadCount, totalCount, lastMessageId] = ['unreadCount', 'totalCount', 'lastMessageId'].map((a) => `v.${sql.quote(a)}`);
    const status = page.filter.status;
    const where = [`${totalCount} > 0`];
    if (status === 'unread' || unread) where.push(`${unreadCount} > 0`);
    else if (status === 'read') where.push(`${totalCount} > ${unreadCount}`);
    if (unread === false) where.push(`${unreadCount} = 0`);
    if (before) where.push(`${lastMessageId} < ${binds.add(before)}`);
    const live = liveCountersSql(this.db, (column) => `${column} = ${binds.add(userId)}`);
    const rows = await sql.rows<CounterRow>(
      `SELECT * FROM (${live}) v WHERE ${where.join(' AND ')} ORDER BY ${lastMessageId} DESC LIMIT ${sqlInteger(limit)}`,
      binds,
      undefined,
    );
    return rows.map((row) => ({ ...row, lastMessageId: Number(row.lastMessageId) }));
  }

  /** Per channel: the matching messages, the unread among them and the newest, grouped in one query. */
  private async matchingRows(userId: number, page: Page, unread: boolean | undefined, before: number | undefined, limit: number) {
    const field = (attribute: string) => col(this.field(COLLECTIONS.messages, attribute));
    const [total, readCount, last] = [fn('COUNT', field('id')), fn('COUNT', field('readAt')), fn('MAX', field('id'))];
    const status = page.filter.status;
    const having: WhereOptions[] = [];
    if (status === 'unread' || unread) having.push(sqlWhere(readCount, Op.lt, total));
    if (status === 'read') having.push(sqlWhere(readCount, Op.gt, 0));
    if (unread === false) having.push(sqlWhere(readCount, Op.eq, total));
    if (before) having.push(sqlWhere(last, Op.lt, before));
    const rows = (await this.model(COLLECTIONS.messages).findAll({
      attributes: ['channelName', [total, 'totalCount'], [readCount, 'readCount'], [last, 'lastMessageId']],
      // unread and read views count the channel's matching messages whatever their state, as the counters do
      where: viewWhere(this.db, userId, { ...page.filter, status: status === 'unread' || status === 'read' ? 'all' : status }),
      group: ['channelName'],
      ...this.messageSql.indexHints(viewIndex(page.filter, this.dialect)),
      having: { [Op.and]: having },
      order: [[last, 'DESC']],
      limit,
      ...RAW_READ,
    })) as unknown as (CounterRow & { readCount: number })[];
    return rows.map((row) => ({ ...row, unreadCount: Number(row.totalCount) - Number(row.readCount) }));
  }

  private async summaries(userId: number, counters: CounterRow[]): Promise<ChannelSummary[]> {
    if (!counters.length) return [];
    const [latest, channels] = await Promise.all([
      this.model(COLLECTIONS.messages).findAll({
        attributes: ['id', 'title', 'createdAt'],
        where: { userId, id: { [Op.in]: counters.map((c) => c.lastMessageId) } },
        ...RAW_READ,
      }),
      this.model('notificationChannels').findAll({
        attributes: ['name', 'title'],
        where: { name: { [Op.in]: counters.map((c) => c.channelName) } },
        ...RAW_READ,
      }),
    ]);
    const latestById = new Map((latest as unknown as LatestRow[]).map((m) => [Number(m.id), m]));
    const titleByName = new Map((channels as unknown as { name: string; title: string }[]).map((c) => [c.name, c.title]));
    return counters.map((c) => {
      const message = latestById.get(Number(c.lastMessageId));
      return {
        name: c.channelName,
        title: titleByName.get(c.channelName) || c.channelName,
        unreadCount: Number(c.unreadCount),
        totalCount: Number(c.totalCount),
        latestMessage: message
          ? { id: Number(message.id), title: message.title, createdAt: toIso(message.createdAt) as string }
          : null,
      };
    });
  }

  /**
   * Per user: unread and total per listed channel, with the channels the user muted as stored (not yet checked
   * against the important ones), in one statement: the preferences rows are joined to the counters, not read after
   * them. Every user asked for is in the answer, one without counters with none. Ask for a bounded list (the ids
   * are one bound value, but every user's rows come back at once). The counters alone are read first, and whether any
   * send is pending beside them: only then (a send's last few milliseconds before its fold) or when they find no row
   * are they read again with the pending messages, a statement that costs PostgreSQL twice the planning.
   */
  async counters(userIds: number[]): Promise<Map<number, UserCounters>> {
    let rows = await this.counterRowsOf(userIds, false);
    if (!rows.length || Number(rows[0].pending)) rows = await this.counterRowsOf(userIds, true);
    const counters = new Map<number, UserCounters>(userIds.map((userId) => [userId, { channels: {}, muted: null }]));
    for (const row of rows) {
      const user = counters.get(Number(row.userId)) as UserCounters;
      user.muted = row.mutedChannels ?? null;
      // a channel whose every message is archived or snoozed is not listed
      if (Number(row.totalCount)) user.channels[row.channelName] = { unread: Number(row.unreadCount), total: Number(row.totalCount) };
    }
    return counters;
  }

  /** The users' counter rows with their muted channels: as stored (with whether any send is pending), or live. */
  private counterRowsOf(userIds: number[], live: boolean) {
    const [c, p] = [new TableSql(this.db, COLLECTIONS.counters), new TableSql(this.db, COLLECTIONS.preferences)];
    const binds = c.binds();
    // one user, the hot path of a single count: a plain equality keeps its plan on every dialect
    const users = (column: string) => `${column} ${userIds.length === 1 ? `= ${binds.add(userIds[0])}` : `IN (${binds.ids(userIds)})`}`;
    const columns = ['userId', 'channelName', 'unreadCount', 'totalCount'];
    const muted = `p.${p.column('mutedChannels')} AS ${c.quote('mutedChannels')}`;
    const ofUser = (v: string) => `LEFT JOIN ${p.table()} p ON p.${p.column('userId')} = ${v}`;
    const sql = live
      ? `SELECT ${columns.map((a) => `v.${c.quote(a)}`).join(',')}, ${muted} FROM (${liveCountersSql(this.db, users)}) v ` +
        ofUser(`v.${c.quote('userId')}`)
      : `SELECT ${columns.map((a) => `c.${c.column(a)} AS ${c.quote(a)}`).join(',')}, ${muted}, ` +
        `${new PendingCounts(this.db).anySql()} AS ${c.quote('pending')} FROM ${c.table()} c ` +
        `${ofUser(`c.${c.column('userId')}`)} WHERE ${users(`c.${c.column('userId')}`)}`;
    type Row = { userId: number; channelName: string; unreadCount: number; totalCount: number; mutedChannels: unknown; pending?: unknown };
    return c.rows<Row>(sql, binds, undefined);
  }

  /** Messages by id, oldest first: what another node announced, or what a stream's catch-up has not written. */
  async byIds(ids: number[]): Promise<InboxMessage[]> {
    const messages: InboxMessage[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_READ) {
      const rows = await this.model(COLLECTIONS.messages).findAll({
        where: { id: { [Op.in]: ids.slice(i, i + IDS_PER_READ) } },
        order: [['id', 'ASC']],
      });
      messages.push(...rows.map((row) => toMessage(row.get({ plain: true }))));
    }
    return messages;
  }

  /** The user's newest message id (0 without any): where a stream opened without `Last-Event-ID` stands. */
  async latestId(userId: number): Promise<number> {
    const newest = await Promise.all(
      this.userRows(userId).map((where) => this.model(COLLECTIONS.messages).max('id', { where, ...this.messageSql.indexHints(userIndex(this.dialect)) })),
    );
    return Math.max(0, ...newest.map(Number).filter(Number.isFinite));
  }

  /** Ids of the user's messages after `afterId`, ascending, at most `limit`: what a catch-up compares with what it wrote. */
  async idsAfter(userId: number, afterId: number, limit: number): Promise<number[]> {
    const found = await Promise.all(
      this.userRows(userId).map(async (where) => {
        const rows = (await this.model(COLLECTIONS.messages).findAll({
          attributes: ['id'],
          where: { ...where, id: { [Op.gt]: afterId } },
          order: [['id', 'ASC']],
          limit,
          ...this.messageSql.indexHints(userIndex(this.dialect)),
          ...RAW_READ,
        })) as unknown as { id: number }[];
        return rows.map((row) => Number(row.id));
      }),
    );
    return found.flat().sort((a, b) => a - b).slice(0, limit);
  }

  /** All of the user's rows, as reads in id order take them: in two parts where the shown and the archived are apart. */
  private userRows(userId: number): WhereOptions[] {
    return userRowsApart(this.dialect) ? [{ userId, archivedAt: null }, { userId, archivedAt: { [Op.ne]: null } }] : [{ userId }];
  }

  /**
   * The user's own messages among `ids`, with their channels. Any id that is not the user's is answered as
   * not found before anything is written, so a request never half-applies or reveals another user's row.
   */
  async own(userId: number, ids: number[], transaction: Transaction): Promise<OwnMessages> {
    const rows = (await this.model(COLLECTIONS.messages).findAll({
      attributes: ['id', 'channelName'],
      where: { userId, id: { [Op.in]: ids } },
      ...RAW_READ,
      transaction,
    })) as unknown as { id: number; channelName: string }[];
    const found = new Set(rows.map((r) => Number(r.id)));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw notFound('filterByTk', `message ${missing} not found`);
    return { ids: [...found], channelNames: [...new Set(rows.map((r) => r.channelName))] };
  }

  /**
   * Users with a snooze ended by `now`, at most `limit` of them (the wake-up takes them one by one). Read in due order
   * through the snoozedUntil index and bounded: a DISTINCT over userId let SQLite walk a userId index over every row,
   * ~1.4 s a round at 1,000,000 messages.
   */
  async dueUsers(now: Date, limit: number): Promise<number[]> {
    const rows = (await this.model(COLLECTIONS.messages).findAll({
      attributes: ['userId'],
      where: { snoozedUntil: { [Op.lte]: now } },
      order: [['snoozedUntil', 'ASC']],
      limit: limit * DUE_ROWS_PER_USER,
      ...RAW_READ,
    })) as unknown as { userId: number }[];
    return [...new Set(rows.map((row) => Number(row.userId)))].slice(0, limit);
  }
}
