import type { MockServer } from '@nocobase/test';
import { COLLECTIONS, RESOURCES } from '../src/constants';
import { createUsers, loginAs } from '../src/__tests__/test-utils';
import { OFFICIAL_MESSAGES, SIDES, Side, bootBothPlugins, createChannels, createReceivers } from './app';
import type { Scale } from './config';
import { DataSet, analyzeLikeProduction, seedMessages } from './seed';
import { Summary, summarize, timeMs } from './stats';

export const READS = ['channel list', 'unread count', 'first page', 'deep page'] as const;
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
  runs: number;
  pageSize: number;
}

type Call = [resource: string, action: string, params: Record<string, unknown>];

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
    attributes: ['id'], where: { userId }, order: [['id', 'DESC']], offset, limit: 1, raw: true,
  })) as any[];
  const [theirs] = (await app.db.getModel(OFFICIAL_MESSAGES).findAll({
    attributes: ['receiveTimestamp'], where: { userId }, order: [['receiveTimestamp', 'DESC']], offset, limit: 1, raw: true,
  })) as any[];
  return { ours: Number(ours.id), theirs: Number(theirs.receiveTimestamp) };
}

const channelIndex = (name: string) => Number(name.split('-').pop());

/** Both plugins must answer the same thing from the same data set, or the comparison means nothing. */
function checkSameAnswers(read: ReadName, ours: any, theirs: any): void {
  const same = (a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      throw new Error(`${read}: the plugins disagree: ours ${JSON.stringify(a).slice(0, 200)} vs theirs ${JSON.stringify(b).slice(0, 200)}`);
    }
  };
  if (read === 'unread count') return same(ours.data.unread, theirs.data.count);
  if (read === 'channel list') {
    const shape = (rows: any[], unread: string, total: string) =>
      rows.map((r) => [channelIndex(r.name), Number(r[unread]), Number(r[total])]).sort((a, b) => a[0] - b[0]);
    return same(shape(ours.data, 'unreadCount', 'totalCount'), shape(theirs.data, 'unreadMsgCnt', 'totalMsgCnt'));
  }
  same(ours.data.map((m: any) => m.title), theirs.data.messages.map((m: any) => m.title));
}

/** One data set of `scale` messages, both plugins seeded alike; every read timed for both personas, sides alternating. */
export async function runReadPath(scale: Scale, options: ReadOptions, log: (line: string) => void): Promise<ReadResult[]> {
  const app = await bootBothPlugins();
  try {
    const started = Date.now();
    const channels = await createChannels(app, options.channels);
    const personas = await createUsers(app, 2);
    const others = await createReceivers(app, scale.users - 2);
    const set: DataSet = {
      messages: scale.messages,
      userIds: [...personas.map((u: any) => Number(u.get('id'))), ...others],
      channels,
      heavyShare: options.heavyShare,
      unreadShare: options.unreadShare,
    };
    for (const side of SIDES) await seedMessages(app, side, set);
    await analyzeLikeProduction(app);
    log(`read path ${scale.messages}: seeded ${scale.messages} messages × 2 plugins over ${scale.users} users in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const results: ReadResult[] = [];
    for (const [i, persona] of (['heavy', 'typical'] as Persona[]).entries()) {
      const userId = set.userIds[i];
      const owned = await app.db.getModel(COLLECTIONS.messages).count({ where: { userId } });
      const agent = await loginAs(app, personas[i]);
      const plan = calls(options.pageSize, await middleCursor(app, userId, owned));
      for (const read of READS) {
        const call = plan[read];
        checkSameAnswers(read, await request(agent, call.ours), await request(agent, call.theirs));
        const samples: Record<Side, number[]> = { ours: [], theirs: [] };
        for (let run = 0; run < options.runs; run++) {
          for (const side of run % 2 ? [...SIDES].reverse() : SIDES) samples[side].push(await timeMs(() => request(agent, call[side])));
        }
        const ms = { ours: summarize(samples.ours), theirs: summarize(samples.theirs) };
        results.push({ messages: scale.messages, persona, owned, read, ms });
        log(`  ${persona} (${owned} messages) ${read}: ours ${ms.ours.median.toFixed(1)} ms, theirs ${ms.theirs.median.toFixed(1)} ms`);
      }
    }
    return results;
  } finally {
    await app.destroy();
  }
}
