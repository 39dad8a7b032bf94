import type { MockServer } from '@nocobase/test';
import { randomUUID } from 'crypto';
import { COLLECTIONS } from '../src/shared/constants';
import { TableSql, chunksBySize } from '../src/server/services/store/sql';
import { OFFICIAL_MESSAGES, Side } from './app';
import { seededRandom } from './stats';

/** The shape of a data set: who received what, in which channel, read or not — the same for both plugins. */
export interface DataSet {
  messages: number;
  /** Receivers; index 0 is the heavy user, index 1 the typical user the reads log in as. */
  userIds: number[];
  channels: Record<Side, string[]>;
  heavyShare: number;
  unreadShare: number;
  /** Ours only: this share of each user's messages also has an archived twin, a row the official plugin has no place for. */
  archivedShare?: number;
  /** Ours only, as archivedShare: snoozed twins, hidden from every other list and count until long after the run. */
  snoozedShare?: number;
}

export interface Planned {
  index: number;
  userId: number;
  channel: number;
  unread: boolean;
  at: Date;
  /** a twin only ours keeps: put aside in the archive or snoozed */
  twin?: 'archived' | 'snoozed';
}

const EPOCH = Date.UTC(2026, 0, 1);
/** When the seeded snoozes end: after any run, so the wake-up job finds none due. */
const SNOOZED_UNTIL = new Date(Date.now() + 180 * 24 * 3600 * 1000);
const TWIN_TITLES = { archived: 'Archived', snoozed: 'Snoozed' };

/** Pure: every how many blocks a twin is made (0: none) for a share of the messages. */
const everyOf = (share?: number) => (share ? Math.round(1 / share) : 0);
const CONTENT = 'Quarterly figures are ready: open the report to review the numbers of your team before Friday.';

/** Message i, as both plugins store it: every heavyShare-th message goes to the heavy user, the rest at random. */
export function* plan(set: DataSet): Generator<Planned> {
  const random = seededRandom(7);
  const every = Math.round(1 / set.heavyShare);
  const [archivedEvery, snoozedEvery] = [everyOf(set.archivedShare), everyOf(set.snoozedShare)];
  const channelCount = set.channels.ours.length;
  for (let index = 0; index < set.messages; index++) {
    const heavy = index % every === 0;
    const user = heavy ? 0 : 1 + Math.floor(random() * (set.userIds.length - 1));
    const base = {
      index,
      userId: set.userIds[user],
      channel: Math.floor(random() * channelCount),
      unread: random() < set.unreadShare,
      // one second apart, so every message has its own time, as a cursor on the official side needs
      at: new Date(EPOCH + index * 1000),
    };
    yield base;
    // by block of `every` messages, so the heavy user (one message a block) gets the same share as everyone; the
    // snoozed twins one block after the archived ones, so no message gets both
    const block = Math.floor(index / every);
    if (archivedEvery && block % archivedEvery === 0) yield { ...base, twin: 'archived' };
    if (snoozedEvery && block % snoozedEvery === 1) yield { ...base, twin: 'snoozed' };
  }
}

const ROW_OF: Record<Side, { collection: string; columns: string[]; row: (m: Planned, set: DataSet) => unknown[] }> = {
  ours: {
    collection: COLLECTIONS.messages,
    columns: ['userId', 'channelName', 'title', 'content', 'level', 'url', 'readAt', 'createdAt', 'options', 'archivedAt', 'snoozedUntil'],
    row: (m, set) => [
      m.userId, set.channels.ours[m.channel], `${m.twin ? TWIN_TITLES[m.twin] : 'Message'} ${m.index}`, CONTENT, 'info', null,
      m.unread ? null : m.at, m.at, {}, m.twin === 'archived' ? m.at : null, m.twin === 'snoozed' ? SNOOZED_UNTIL : null,
    ],
  },
  theirs: {
    collection: OFFICIAL_MESSAGES,
    columns: ['id', 'userId', 'channelName', 'title', 'content', 'status', 'receiveTimestamp', 'options', 'createdAt', 'updatedAt'],
    row: (m, set) => [
      randomUUID(), m.userId, set.channels.theirs[m.channel], `Message ${m.index}`, CONTENT,
      m.unread ? 'unread' : 'read', m.at.getTime(), {}, m.at, m.at,
    ],
  },
};

/**
 * A multi-row `INSERT … VALUES` with the values written into the text (sequelize escapes them; objects as JSON):
 * the fastest load there is, for the bench's own fixed rows only. Binding 9,000 values a statement costs sequelize
 * and the database more than the insert itself, which is no ceiling to measure against.
 */
export function literalInsert(app: MockServer, sql: TableSql, columns: string[], rows: unknown[][]): string {
  const escape = (value: unknown) =>
    app.db.sequelize.escape((value && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value) as string);
  return `INSERT INTO ${sql.table()} (${columns.map((c) => sql.column(c)).join(',')}) VALUES ` +
    rows.map((row) => `(${row.map(escape).join(',')})`).join(',');
}

/** Setup, not a measurement: plain multi-row INSERTs, 1,000 rows a statement, 50,000 a transaction. */
export async function seedMessages(app: MockServer, side: Side, set: DataSet): Promise<void> {
  const { collection, columns, row } = ROW_OF[side];
  const sql = new TableSql(app.db, collection);
  let batch: unknown[][] = [];
  const flush = async () => {
    await app.db.sequelize.transaction(async (transaction) => {
      for (const chunk of chunksBySize(batch, () => 1)) {
        await sql.run(literalInsert(app, sql, columns, chunk), sql.binds(), transaction);
      }
    });
    batch = [];
  };
  for (const message of plan(set)) {
    if (message.twin && side !== 'ours') continue;
    batch.push(row(message, set));
    if (batch.length === 50_000) await flush();
  }
  if (batch.length) await flush();
  if (side === 'ours') await rebuildCounters(app);
}

/** inboxCounters as the writes would have kept them (archived and snoozed rows left out): one INSERT … SELECT … GROUP BY. */
async function rebuildCounters(app: MockServer): Promise<void> {
  const m = new TableSql(app.db, COLLECTIONS.messages);
  const c = new TableSql(app.db, COLLECTIONS.counters);
  const [userId, channelName, readAt, id, archivedAt, snoozedUntil] = ['userId', 'channelName', 'readAt', 'id', 'archivedAt', 'snoozedUntil'].map((a) => m.column(a));
  const target = ['userId', 'channelName', 'unreadCount', 'totalCount', 'lastMessageId'].map((a) => c.column(a));
  await app.db.sequelize.transaction(async (transaction) => {
    await c.run(`DELETE FROM ${c.table()}`, c.binds(), transaction);
    await c.run(
      `INSERT INTO ${c.table()} (${target.join(',')}) ` +
        `SELECT ${userId}, ${channelName}, SUM(CASE WHEN ${readAt} IS NULL THEN 1 ELSE 0 END), COUNT(*), MAX(${id}) ` +
        `FROM ${m.table()} WHERE ${archivedAt} IS NULL AND ${snoozedUntil} IS NULL GROUP BY ${userId}, ${channelName}`,
      c.binds(),
      transaction,
    );
  });
}

/**
 * Table statistics as the database keeps them by itself: PostgreSQL's autovacuum and InnoDB's persistent stats
 * analyze a freshly loaded table soon after; SQLite never does (NocoBase runs no ANALYZE), so it is left as is.
 * The users too: a send selects its receivers' rows (this machine's PostgreSQL runs without autovacuum, and a send to
 * 1,000 of 50,000 never-analyzed users read all of them instead of 1,000 by the primary key).
 */
export async function analyzeLikeProduction(app: MockServer): Promise<void> {
  const dialect = app.db.sequelize.getDialect();
  if (dialect === 'sqlite') return;
  const tables = [COLLECTIONS.messages, COLLECTIONS.counters, OFFICIAL_MESSAGES, 'users'].map((name) => new TableSql(app.db, name).table());
  for (const table of tables) await app.db.sequelize.query(dialect === 'postgres' ? `ANALYZE ${table}` : `ANALYZE TABLE ${table}`);
}
