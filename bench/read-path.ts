import type { MockServer } from '@nocobase/test';
import { COLLECTIONS, RESOURCES } from '../src/shared/constants';
import { createUsers, inboxOf, loginAs } from '../testing/app';
import { OFFICIAL_MESSAGES, SIDES, Side, bootBothPlugins, createChannels, createReceivers } from './app';
import type { Scale } from './config';
import { DataSet, analyzeLikeProduction, seedMessages } from './seed';
import { Summary, summarize, timeMs } from './stats';

/** The last one is no read at all: a no-op action both sides call alike, the floor every request pays. */
export const READS = ['channel list', 'unread count', 'first page', 'deep page', 'search', 'rare search', 'archived', 'snoozed', 'no-op action'] as const;
export const NO_OP: ReadName = 'no-op action';
const NO_OP_RESOURCE = 'benchNoOp';
export type ReadName = (typeof READS)[number];
export type Persona = 'heavy' | 'typical';

export interface ReadResult {
  messages: number;
  persona: Persona;
  /** How many messages the persona has. */
  owned: number;
  read: ReadName;
  ms: Record<Side, Summary>;
}

export interface ReadOptions {
  channels: number;
  heavyShare: number;
  unreadShare: number;
  archivedShare: number;
  snoozedShare: number;
  runs: number;
  /** Only these reads (and the no-op action); none: every read. */
  reads: string[];
  pageSize: number;
}

type Call = [resource: string, action: string, params: Record<string, unknown>];

/** A search as a user types it (any case): the titles of the newest hundredth of the data set hold it. */
const SEARCH_TEXT = 'message 99';
/**
 * A search that finds almost nothing, deep in the history: the worst case for reading the newest rows first. Of the
 * heavy user's messages only "Message 123450" holds it (at 1,000,000 messages; none below 123,451).
 */
const RARE_SEARCH_TEXT = 'MESSAGE 12345';

/** The requests each plugin's own client sends for the same screen (the official one's params as its UI sends them). */
function calls(pageSize: number, cursor: Record<Side, number>): Record<ReadName, Record<Side, Call>> {
  return {
    'channel list': {
      ours: [RESOURCES.myChannels, 'list', { limit: pageSize }],
      theirs: ['myInAppChannels', 'list', { filter: { status: 'all' }, limit: pageSize }],
    },
    'unread count': {
      ours: [RESOURCES.myMessages, 'count', {}],
      theirs: ['myInAppMessages', 'count', { filter: { status: 'unread' } }],
    },
    'first page': {
      ours: [RESOURCES.myMessages, 'list', { limit: pageSize }],
      theirs: ['myInAppMessages', 'list', { limit: pageSize }],
    },
    'deep page': {
      ours: [RESOURCES.myMessages, 'list', { limit: pageSize, before: cursor.ours }],
      theirs: ['myInAppMessages', 'list', { limit: pageSize, filter: { receiveTimestamp: { $lt: cursor.theirs } } }],
    },
    // ours: `q`; the official plugin has no search, its client's list filter is the way to it
    search: {
      ours: [RESOURCES.myMessages, 'list', { limit: pageSize, q: SEARCH_TEXT }],
      theirs: ['myInAppMessages', 'list', { limit: pageSize, filter: { title: { $includes: SEARCH_TEXT } } }],
    },
    'rare search': {
      ours: [RESOURCES.myMessages, 'list', { limit: pageSize, q: RARE_SEARCH_TEXT }],
      theirs: ['myInAppMessages', 'list', { limit: pageSize, filter: { title: { $includes: RARE_SEARCH_TEXT } } }],
    },
    // the official plugin keeps no archive: its Read tab, where a handled message goes, is the closest list it has
    archived: {
      ours: [RESOURCES.myMessages, 'list', { limit: pageSize, status: 'archived' }],
      theirs: ['myInAppMessages', 'list', { limit: pageSize, filter: { status: 'read' } }],
    },
    // nor does it snooze: its Read tab again
    snoozed: {
      ours: [RESOURCES.myMessages, 'list', { limit: pageSize, status: 'snoozed' }],
      theirs: ['myInAppMessages', 'list', { limit: pageSize, filter: { status: 'read' } }],
    },
    'no-op action': {
      ours: [NO_OP_RESOURCE, 'get', {}],
      theirs: [NO_OP_RESOURCE, 'get', {}],
    },
  };
}

async function request(agent: any, [resource, action, params]: Call): Promise<any> {
  const response = await agent.resource(resource)[action](params);
  if (response.status !== 200) {
    throw new Error(`${resource}:${action} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
  }
  return response.body;
}

/** The cursor of the page halfway down the persona's history, in each plugin's own terms. */
async function middleCursor(app: MockServer, userId: number, owned: number): Promise<Record<Side, number>> {
  const offset = Math.floor(owned / 2);
  const [ours] = (await app.db.getModel(COLLECTIONS.messages).findAll({
    attributes: ['id'], where: { userId, ...SHOWN }, order: [['id', 'DESC']], offset, limit: 1, raw: true,
  })) as any[];
  const [theirs] = (await app.db.getModel(OFFICIAL_MESSAGES).findAll({
    attributes: ['receiveTimestamp'], where: { userId }, order: [['receiveTimestamp', 'DESC']], offset, limit: 1, raw: true,
  })) as any[];
  return { ours: Number(ours.id), theirs: Number(theirs.receiveTimestamp) };
}

/** The rows every list but the archived and snoozed ones shows: the twins ours keeps aside are not among them. */
const SHOWN = { archivedAt: null, snoozedUntil: null };

const channelIndex = (name: string) => Number(name.split('-').pop());

/** Both plugins must answer the same thing from the same data set, or the comparison means nothing. */
function checkSameAnswers(read: ReadName, ours: any, theirs: any): void {
  const same = (a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      throw new Error(`${read}: the plugins disagree: ours ${JSON.stringify(a).slice(0, 200)} vs theirs ${JSON.stringify(b).slice(0, 200)}`);
    }
  };
  if (read === NO_OP) return same(ours, theirs);
  // different lists (ours archived or snoozed, theirs read): ours must hold only such messages, and some
  if (read === 'archived') return same(ours.data.length > 0 && ours.data.every((m: any) => m.archivedAt), true);
  if (read === 'snoozed') return same(ours.data.length > 0 && ours.data.every((m: any) => m.snoozedUntil && !m.archivedAt), true);
  if (read === 'unread count') return same(ours.data.unread, theirs.data.count);
  if (read === 'channel list') {
    const shape = (rows: any[], unread: string, total: string) =>
      rows.map((r) => [channelIndex(r.name), Number(r[unread]), Number(r[total])]).sort((a, b) => a[0] - b[0]);
    return same(shape(ours.data, 'unreadCount', 'totalCount'), shape(theirs.data, 'unreadMsgCnt', 'totalMsgCnt'));
  }
  same(ours.data.map((m: any) => m.title), theirs.data.messages.map((m: any) => m.title));
}

interface PersonaPlan {
  persona: Persona;
  owned: number;
  agent: any;
  calls: Record<ReadName, Record<Side, Call>>;
}

interface Prepared {
  scale: Scale;
  app: MockServer;
  personas: PersonaPlan[];
}

/**
 * Where a data set lives: SQLite in memory gives each app its own database; on a database server every data set
 * but the largest gets `<DB_DATABASE>_m<messages>`, created if missing (an app's install empties its database).
 */
async function databaseOptions(scale: Scale, largest: Scale, admin?: MockServer): Promise<Record<string, unknown>> {
  if (scale === largest || !admin || admin.db.sequelize.getDialect() === 'sqlite') return {};
  const name = `${process.env.DB_DATABASE}_m${scale.messages}`.replace(/[^A-Za-z0-9_]/g, '_');
  const sequelize = admin.db.sequelize;
  if (sequelize.getDialect() === 'postgres') {
    const found = await sequelize.query('SELECT 1 FROM pg_database WHERE datname = :name', { replacements: { name }, type: 'SELECT' });
    if (!found.length) await sequelize.query(`CREATE DATABASE "${name}"`);
  } else {
    await sequelize.query(`CREATE DATABASE IF NOT EXISTS \`${name}\``);
  }
  return { database: { database: name } };
}

/** Boots an app for `scale`, seeds both plugins alike, and checks both answer every read the same. */
async function prepare(scale: Scale, options: ReadOptions, boot: Record<string, unknown>, log: (line: string) => void): Promise<Prepared> {
  const started = Date.now();
  // several apps in one process: each needs a name of its own, outside the app supervisor
  const app = await bootBothPlugins({ ...boot, name: `bench_read_${scale.messages}`, skipSupervisor: true });
  app.resourceManager.define({
    name: NO_OP_RESOURCE,
    actions: { get: async (ctx: any, next: () => Promise<void>) => ((ctx.body = { ok: true }), next()) },
  });
  const channels = await createChannels(app, options.channels);
  const users = await createUsers(app, 2);
  const others = await createReceivers(app, scale.users - 2);
  const set: DataSet = {
    messages: scale.messages,
    userIds: [...users.map((u: any) => Number(u.get('id'))), ...others],
    channels,
    heavyShare: options.heavyShare,
    unreadShare: options.unreadShare,
    archivedShare: options.archivedShare,
    snoozedShare: options.snoozedShare,
  };
  for (const side of SIDES) await seedMessages(app, side, set);
  await analyzeLikeProduction(app);
  // the seed writes rows straight into the table, as an import does: the search index (SQLite) catches up on them
  // once, untimed, as the background job would (sends keep it current by themselves)
  const indexing = Date.now();
  await inboxOf(app).indexForSearch(Infinity);
  log(`read path: search index built in ${((Date.now() - indexing) / 1000).toFixed(1)} s`);
  const personas: PersonaPlan[] = [];
  for (const [i, persona] of (['heavy', 'typical'] as Persona[]).entries()) {
    const owned = await app.db.getModel(COLLECTIONS.messages).count({ where: { userId: set.userIds[i], ...SHOWN } });
    const plan = { persona, owned, agent: await loginAs(app, users[i]), calls: calls(options.pageSize, await middleCursor(app, set.userIds[i], owned)) };
    for (const read of READS) checkSameAnswers(read, await request(plan.agent, plan.calls[read].ours), await request(plan.agent, plan.calls[read].theirs));
    personas.push(plan);
  }
  log(`read path: ${scale.messages} messages × 2 plugins over ${scale.users} users seeded and checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { scale, app, personas };
}

/**
 * Every data set at once, each in its own app; each read is timed with the personas, the data sets and the plugins
 * taking turns run by run, so a load spike on the machine (shared with other work) hits every figure alike. Each
 * timed request is the second of two alike in a row.
 */
export async function runReadPath(scales: Scale[], options: ReadOptions, log: (line: string) => void): Promise<ReadResult[]> {
  const largest = scales.reduce((a, b) => (b.messages > a.messages ? b : a));
  const prepared: Prepared[] = [];
  try {
    for (const scale of [largest, ...scales.filter((s) => s !== largest)]) {
      prepared.push(await prepare(scale, options, await databaseOptions(scale, largest, prepared[0]?.app), log));
    }
    prepared.sort((a, b) => a.scale.messages - b.scale.messages);
    const results: ReadResult[] = [];
    const personas: Persona[] = ['heavy', 'typical'];
    for (const read of READS.filter((name) => !options.reads.length || options.reads.includes(name) || name === 'no-op action')) {
      const samples = prepared.map(() => personas.map(() => ({ ours: [] as number[], theirs: [] as number[] })));
      for (let run = 0; run < options.runs; run++) {
        for (const p of personas.keys()) {
          for (const [i, set] of prepared.entries()) {
            const { agent, calls: plan } = set.personas[p];
            const order = (run + i + p) % 2 ? [...SIDES].reverse() : SIDES;
            for (const side of order) {
              // untimed first: the timed one then meets the caches as its own call leaves them, not as the other
              // side's last request did (an official read at 1M scans for 0.1–4 s)
              await request(agent, plan[read][side]);
              samples[i][p][side].push(await timeMs(() => request(agent, plan[read][side])));
            }
          }
        }
      }
      for (const [i, set] of prepared.entries()) {
        for (const [p, persona] of personas.entries()) {
          const ms = { ours: summarize(samples[i][p].ours), theirs: summarize(samples[i][p].theirs) };
          results.push({ messages: set.scale.messages, persona, owned: set.personas[p].owned, read, ms });
          log(`  ${set.scale.messages} messages, ${persona} (${set.personas[p].owned}) ${read}: ours ${ms.ours.median.toFixed(1)} ms, theirs ${ms.theirs.median.toFixed(1)} ms`);
        }
      }
    }
    return results;
  } finally {
    for (const { app } of prepared) await app.destroy();
  }
}
