import { MockServer } from '@nocobase/test';
import { COLLECTIONS } from '../shared/constants';
import { viewIndex } from '../server/services/queries/view-filter';
import { TableSql } from '../server/services/store/sql';
import { createBystanders, createChannel, createInboxApp, QUIET_JOBS, inboxOf } from './test-utils';
import type { ViewFilter } from '../shared/contract';

const VIEWS: [string, ViewFilter, string[]][] = [
  ['all', { status: 'all' }, ['userId', 'id']],
  ['unread', { status: 'unread' }, ['userId', 'id']],
  ['a channel', { status: 'all', channelName: 'ops' }, ['userId', 'channelName', 'id']],
  ['a channel and a level', { status: 'all', channelName: 'ops', levels: ['error'] }, ['userId', 'channelName', 'id']],
  ['one level', { status: 'all', levels: ['error'] }, ['userId', 'level', 'id']],
  ['two levels', { status: 'all', levels: ['error', 'warning'] }, ['userId', 'id']],
  ['archived', { status: 'archived' }, ['userId', 'archivedAt']],
  ['a search', { status: 'all', q: 'lead' }, ['userId', 'id']],
];

describe('the index each view walks (viewIndex)', () => {
  it.each(VIEWS)('%s: %j walks %j', (_name, filter, fields) => {
    expect(viewIndex(filter)).toEqual(fields);
  });
});

/**
 * MariaDB's planner intersected the wake-up's snoozedUntil index with the user's for `snoozedUntil IS NULL`: every
 * row of the table read and sorted for one page. The reads now name their index there; elsewhere they name none.
 */
describe('a view’s reads on each database', () => {
  let app: MockServer;
  let sql: TableSql;
  const mysqlFamily = ['mysql', 'mariadb'].includes(process.env.DB_DIALECT || 'sqlite');

  /** The SELECTs of a view on the messages table a call runs (those that leave snoozed rows out). */
  const messageSelectsDuring = async (call: () => Promise<unknown>) => {
    const table = String(app.db.getModel(COLLECTIONS.messages).getTableName());
    const query = jest.spyOn(app.db.sequelize, 'query');
    try {
      await call();
      return query.mock.calls.map(([text]) => String(text)).filter((text) => text.startsWith('SELECT') && text.includes(table) && text.includes('snoozedUntil'));
    } finally {
      query.mockRestore();
    }
  };

  beforeAll(async () => {
    app = await createInboxApp({ inbox: QUIET_JOBS });
    sql = new TableSql(app.db, COLLECTIONS.messages);
    await createChannel(app, 'ops', 'Operations');
  });
  afterAll(async () => app?.destroy());

  it.each(VIEWS)('%s: the index it names is one the messages collection declares', (_name, filter) => {
    expect(sql.indexName(viewIndex(filter))).toEqual(expect.any(String));
  });

  it('a page, a channel list and a recount read only through the view’s index on MySQL/MariaDB, through no hint elsewhere', async () => {
    const [user] = await createBystanders(app, 1);
    const inbox = inboxOf(app);
    const [message] = await inbox.send({ channelName: 'ops', receivers: [user], title: 'a lead', level: 'error' });
    const reads = [
      () => inbox.list(user, { channelName: 'ops' }),
      () => inbox.list(user, { level: 'error' }),
      () => inbox.list(user, {}),
      () => inbox.channelList(user, { level: 'error' }),
    ];
    for (const [i, read] of reads.entries()) {
      const [selects, expected] = [await messageSelectsDuring(read), [['userId', 'channelName', 'id'], ['userId', 'level', 'id'], ['userId', 'id'], ['userId', 'level', 'id']][i]];
      expect(selects.length).toBeGreaterThan(0);
      const hinted = selects.filter((text) => text.includes('USE INDEX'));
      expect(hinted).toHaveLength(mysqlFamily ? selects.length : 0);
      for (const text of hinted) {
        expect(text).toContain(`USE INDEX (${sql.quote(sql.indexName(expected) as string)})`);
        const [plan] = (await app.db.sequelize.query(`EXPLAIN ${text}`, { type: 'SELECT' })) as { possible_keys: string | null }[];
        expect(plan.possible_keys ?? '').not.toMatch(/snoozed/);
      }
    }
    const recount = jest.spyOn(app.db.sequelize, 'query');
    try {
      await inbox.setRead(user, [message.id], true);
      const recounts = recount.mock.calls.map(([text]) => String(text)).filter((text) => text.startsWith('UPDATE') && text.includes('COUNT(*)'));
      expect(recounts.length).toBeGreaterThan(0);
      for (const text of recounts) expect(text.includes('USE INDEX')).toBe(mysqlFamily);
    } finally {
      recount.mockRestore();
    }
    expect(await inbox.counts(user)).toMatchObject({ unread: 0 });
  });
});
