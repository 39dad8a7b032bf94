import type { MockServer } from '@nocobase/test';
import { Op } from 'sequelize';
import { COLLECTIONS } from '../src/constants';
import { TableSql, chunksBySize } from '../src/server/services/sql';
import { OFFICIAL_MESSAGES, createChannels, createReceivers, sendThroughManager } from './app';
import { Summary, settle, summarize, timeMs } from './stats';

export type FanoutSide = 'ours' | 'theirs' | 'raw';
const ORDER: FanoutSide[] = ['ours', 'theirs', 'raw'];

export interface FanoutResult {
  receivers: number;
  /** Wall time of one send, per side. */
  ms: Record<FanoutSide, Summary>;
}

export const messagesPerSecond = (receivers: number, ms: number) => (receivers * 1000) / ms;

const RAW_COLUMNS = ['userId', 'channelName', 'title', 'content', 'level', 'url', 'readAt', 'createdAt', 'options'];

/**
 * The ceiling: the same rows into our table as plain multi-row INSERTs (1,000 rows a statement) through the same
 * connection, in one transaction — no receiver check, no RETURNING, no counters, no send log.
 */
async function rawInsert(app: MockServer, channelName: string, userIds: number[], title: string) {
  const sql = new TableSql(app.db, COLLECTIONS.messages);
  const createdAt = new Date();
  const content = 'A new lead was assigned to you: review it before the end of the day.';
  await app.db.sequelize.transaction(async (transaction) => {
    for (const chunk of chunksBySize(userIds, () => 1)) {
      const values = chunk.map((userId) => sql.tuple([userId, channelName, title, content, 'info', null, null, createdAt, {}]));
      await sql.run(sql.insertHead(RAW_COLUMNS) + values.join(','), transaction);
    }
  });
}

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
  const Messages = app.db.getModel(COLLECTIONS.messages);

  const send: Record<FanoutSide, (ids: number[], title: string) => Promise<void>> = {
    ours: (ids, title) => sendThroughManager(app, channels.ours[0], ids, title),
    theirs: (ids, title) => sendThroughManager(app, channels.theirs[0], ids, title),
    raw: (ids, title) => rawInsert(app, channels.ours[0], ids, title),
  };
  const check: Record<FanoutSide, (title: string, n: number) => Promise<void>> = {
    ours: async (title, n) => expectRows(await countTitled(app, COLLECTIONS.messages, title), n, title),
    theirs: async (title, n) => expectRows(await countTitled(app, OFFICIAL_MESSAGES, title), n, title),
    // the raw rows are not messages anybody sent: removed so our table holds only real sends
    raw: async (title, n) => {
      expectRows(await Messages.destroy({ where: { title, id: { [Op.gt]: 0 } }, hooks: false }), n, title);
    },
  };

  for (const side of ORDER) await send[side](userIds.slice(0, 1000), `warm-up ${side}`).then(() => check[side](`warm-up ${side}`, 1000));

  const results: FanoutResult[] = [];
  for (const n of receiverCounts) {
    const ids = userIds.slice(0, n);
    const samples: Record<FanoutSide, number[]> = { ours: [], theirs: [], raw: [] };
    for (let run = 0; run < runs; run++) {
      for (const side of rotate(ORDER, run)) {
        const title = `fan-out ${n} ${side} ${run}`;
        samples[side].push(await timeMs(() => send[side](ids, title)));
        await settle();
        await check[side](title, n);
      }
    }
    const result = { receivers: n, ms: { ours: summarize(samples.ours), theirs: summarize(samples.theirs), raw: summarize(samples.raw) } };
    log(
      `fan-out ${n}: ` +
        ORDER.map((s) => `${s} ${Math.round(messagesPerSecond(n, result.ms[s].median))} msg/s (${result.ms[s].median.toFixed(0)} ms)`).join(', '),
    );
    results.push(result);
  }
  return results;
}

function expectRows(actual: number, expected: number, title: string) {
  if (actual !== expected) throw new Error(`"${title}" wrote ${actual} rows, expected ${expected}`);
}

const rotate = <T>(items: T[], by: number): T[] => items.map((_, i) => items[(i + by) % items.length]);
