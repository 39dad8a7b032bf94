import type { MockServer } from '@nocobase/test';
import { Op } from 'sequelize';
import { COLLECTIONS } from '../src/shared/constants';
import { Binds, TableSql, chunksBySize } from '../src/server/services/store/sql';
import { fanoutRunsAt } from './config';
import { MESSAGE_BUTTONS, MESSAGE_CONTENT, OFFICIAL_MESSAGES, SEND_LOGS, createChannels, createReceivers, sendThroughManager } from './app';
import { analyzeLikeProduction, literalInsert } from './seed';
import { inboxOf } from '../testing/app';
import { ProfileSummary, SendTables, StatementProfile, medianProfile, profileStatements } from './statement-profile';
import { Summary, settle, summarize, timeMs } from './stats';

/** `buttons`: ours again, the message with two buttons (issue 16: later features keep the figures). */
export type FanoutSide = 'ours' | 'theirs' | 'raw' | 'rawSelect' | 'buttons';
export const FANOUT_SIDES: FanoutSide[] = ['ours', 'theirs', 'raw', 'rawSelect', 'buttons'];

export interface FanoutResult {
  receivers: number;
  /** Wall time of one send, per side. */
  ms: Record<FanoutSide, Summary>;
  /** Statements one send sent to the database (transaction begin and commit included), per plugin. */
  roundTrips: Record<'ours' | 'theirs', number>;
  /** Where ours' send spends its time: medians over PROFILED_SENDS sends, by kind of statement, and its wall time. */
  oursProfile: ProfileSummary;
  /**
   * After each timed send of ours (with buttons or not): how long until its counts were folded, from the send's return
   * (CountFolds: it waits FOLD_DELAY_MS first). Waited for before the next turn, so no side's send runs beside it.
   */
  foldMs: Summary;
}

/** Sends of ours after the timed runs (not among their samples), whose statements are timed one by one. */
const PROFILED_SENDS = 5;

export const messagesPerSecond = (receivers: number, ms: number) => (receivers * 1000) / ms;

const RAW_COLUMNS = ['userId', 'channelName', 'title', 'content', 'level', 'url', 'readAt', 'createdAt', 'options'];

/** Raw statements into our table, in one transaction through the app's own connection: nothing else. */
async function rawStatements(
  app: MockServer,
  userIds: number[],
  rowsPerStatement: number,
  statement: (sql: TableSql, chunk: number[]) => { sql: string; binds: Binds },
) {
  const sql = new TableSql(app.db, COLLECTIONS.messages);
  await app.db.sequelize.transaction(async (transaction) => {
    for (const chunk of chunksBySize(userIds, () => 1, Infinity, rowsPerStatement)) {
      const { sql: text, binds } = statement(sql, chunk);
      await sql.run(text, binds, transaction);
    }
  });
}

/**
 * Issue 7's ceiling: the same rows as plain multi-row INSERT … VALUES (1,000 rows a statement, values in the text)
 * — no receiver check, no RETURNING, no counters, no send log.
 */
const rawInsert = (app: MockServer, channelName: string, userIds: number[], title: string) => {
  const createdAt = new Date();
  return rawStatements(app, userIds, 1000, (sql, chunk) => ({
    sql: literalInsert(app, sql, RAW_COLUMNS, chunk.map((userId) => [userId, channelName, title, MESSAGE_CONTENT, 'info', null, null, createdAt, {}])),
    binds: sql.binds(),
  }));
};

/**
 * The database's limit for the statement ours uses: INSERT … SELECT over the users, values bound, as many receivers
 * a statement as ours (5,000), nothing else.
 */
const rawInsertSelect = (app: MockServer, channelName: string, userIds: number[], title: string) => {
  const users = new TableSql(app.db, 'users');
  const shared = [channelName, title, MESSAGE_CONTENT, 'info', null, null, new Date(), {}];
  return rawStatements(app, userIds, 5000, (sql, chunk) => {
    const binds = sql.binds();
    const id = `u.${users.column('id')}`;
    const values = shared.map((v, i) => binds.column(RAW_COLUMNS[i + 1], v)).join(',');
    return {
      sql: `INSERT INTO ${sql.table()} (${RAW_COLUMNS.map((c) => sql.column(c)).join(',')}) SELECT ${id},${values} ` +
        `FROM ${users.table()} u WHERE ${id} IN (${binds.ids(chunk)})`,
      binds,
    };
  });
};

async function countTitled(app: MockServer, collection: string, title: string): Promise<number> {
  return app.db.getModel(collection).count({ where: { title } });
}

/** One send of each side per run, the order rotating each run; every send is checked to have written `n` rows. */
export async function runFanout(
  app: MockServer,
  receiverCounts: number[],
  runs: number,
  log: (line: string) => void,
): Promise<FanoutResult[]> {
  const channels = await createChannels(app, 1);
  const userIds = await createReceivers(app, Math.max(...receiverCounts));
  const tables: SendTables = {
    messages: new TableSql(app.db, COLLECTIONS.messages).table(),
    counters: new TableSql(app.db, COLLECTIONS.counters).table(),
    pending: new TableSql(app.db, COLLECTIONS.pendingCounts).table(),
    sendLog: new TableSql(app.db, SEND_LOGS).table(),
  };

  const send: Record<FanoutSide, (ids: number[], title: string) => Promise<void>> = {
    ours: (ids, title) => sendThroughManager(app, channels.ours[0], ids, title),
    theirs: (ids, title) => sendThroughManager(app, channels.theirs[0], ids, title),
    raw: (ids, title) => rawInsert(app, channels.ours[0], ids, title),
    rawSelect: (ids, title) => rawInsertSelect(app, channels.ours[0], ids, title),
    buttons: (ids, title) => sendThroughManager(app, channels.ours[0], ids, title, MESSAGE_BUTTONS),
  };
  const ownRows = async (title: string, n: number) => expectRows(await countTitled(app, COLLECTIONS.messages, title), n, title);
  // the raw rows are not messages anybody sent: removed so our table holds only real sends, but only once a size's
  // runs are over. Removed right after each, they left free pages to the side that came next: on SQLite a send to
  // 10,000 after such a removal took 52 ms against 62 ms after a send, and in the rotation that side was always the
  // raw SELECT (after the raw VALUES) or ours with buttons (after the raw SELECT), never ours.
  const rawTitles: string[] = [];
  const checkRaw = async (title: string, n: number) => {
    await ownRows(title, n);
    rawTitles.push(title);
  };
  const removeRaw = async () => {
    const titles = rawTitles.splice(0);
    if (titles.length) await app.db.getModel(COLLECTIONS.messages).destroy({ where: { title: titles, id: { [Op.gt]: 0 } }, hooks: false });
  };
  const check: Record<FanoutSide, (title: string, n: number) => Promise<void>> = {
    ours: ownRows,
    buttons: async (title, n) => {
      await ownRows(title, n);
      const row = await app.db.getModel(COLLECTIONS.messages).findOne({ where: { title } });
      if (!JSON.stringify(row?.get('actions') ?? null).includes(MESSAGE_BUTTONS[1].key)) throw new Error(`"${title}" was written without its buttons`);
    },
    theirs: async (title, n) => expectRows(await countTitled(app, OFFICIAL_MESSAGES, title), n, title),
    raw: checkRaw,
    rawSelect: checkRaw,
  };

  // a few rounds first: the code paths of every side are compiled and the tables hold rows before any timing
  for (let round = 0; round < 3; round++) {
    for (const side of FANOUT_SIDES) {
      const title = `warm-up ${side} ${round}`;
      await send[side](userIds.slice(0, 1000), title);
      await check[side](title, 1000);
    }
  }
  await removeRaw();
  // as autovacuum or InnoDB would soon after the receivers were loaded: every plugin's sends then meet real statistics
  await analyzeLikeProduction(app);

  const results: FanoutResult[] = [];
  for (const n of receiverCounts) {
    const ids = userIds.slice(0, n);
    const samples = Object.fromEntries(FANOUT_SIDES.map((side) => [side, [] as number[]])) as Record<FanoutSide, number[]>;
    const folds: number[] = [];
    for (let run = 0; run < fanoutRunsAt(n, runs); run++) {
      for (const side of rotate(FANOUT_SIDES, run)) {
        const title = `fan-out ${n} ${side} ${run}`;
        samples[side].push(await timeMs(() => send[side](ids, title)));
        const fold = await timeMs(() => inboxOf(app).countsSettled());
        if (side === 'ours' || side === 'buttons') folds.push(fold);
        await settle();
        await check[side](title, n);
      }
    }
    const profiles: Record<'ours' | 'theirs', StatementProfile[]> = { ours: [], theirs: [] };
    for (let run = 0; run < PROFILED_SENDS; run++) {
      for (const side of run ? (['ours'] as const) : (['ours', 'theirs'] as const)) {
        const title = `fan-out ${n} ${side} profiled ${run}`;
        profiles[side].push(await profileStatements(app, tables, () => send[side](ids, title)));
        await inboxOf(app).countsSettled();
        await settle();
        await check[side](title, n);
      }
    }
    await removeRaw();
    const result = {
      receivers: n,
      ms: Object.fromEntries(FANOUT_SIDES.map((side) => [side, summarize(samples[side])])) as Record<FanoutSide, Summary>,
      roundTrips: { ours: profiles.ours[0].statements, theirs: profiles.theirs[0].statements },
      oursProfile: medianProfile(profiles.ours),
      foldMs: summarize(folds),
    };
    log(
      `fan-out ${n}: ` +
        FANOUT_SIDES.map((s) => `${s} ${Math.round(messagesPerSecond(n, result.ms[s].median))} msg/s (${result.ms[s].median.toFixed(0)} ms)`).join(', '),
    );
    results.push(result);
  }
  return results;
}

function expectRows(actual: number, expected: number, title: string) {
  if (actual !== expected) throw new Error(`"${title}" wrote ${actual} rows, expected ${expected}`);
}

const rotate = <T>(items: T[], by: number): T[] => items.map((_, i) => items[(i + by) % items.length]);
