import { MockServer } from '@nocobase/test';
import { COLLECTIONS } from '../shared/constants';
import { createBystanders, createChannel, createInboxApp, inboxOf } from './test-utils';

const onSqlite = (process.env.DB_DIALECT || 'sqlite') === 'sqlite';

/**
 * sequelize's SQLite driver looks up a table's column types (PRAGMA table_info) before every find; our reads take
 * their rows raw and never use them, so they skip that statement. Seen at the driver, below sequelize.
 */
(onSqlite ? describe : describe.skip)('our raw reads on SQLite', () => {
  let app: MockServer;
  let user: number;

  /** The SQL the app's shared connection runs during `call`. */
  const driverStatementsDuring = async (call: () => Promise<unknown>): Promise<string[]> => {
    type Connection = { all: (sql: string, ...rest: unknown[]) => unknown };
    const manager = (app.db.sequelize as unknown as { connectionManager: { getConnection(o: object): Promise<Connection> } }).connectionManager;
    const connection = await manager.getConnection({});
    const all = jest.spyOn(connection, 'all');
    try {
      await call();
      return all.mock.calls.map(([sql]) => String(sql));
    } finally {
      all.mockRestore();
    }
  };
  const columnLookups = (statements: string[]) => statements.filter((sql) => /^PRAGMA table_info/i.test(sql));

  beforeAll(async () => {
    app = await createInboxApp();
    await createChannel(app, 'ops', 'Operations');
    [user] = await createBystanders(app, 1);
    await inboxOf(app).send({ channelName: 'ops', receivers: [user], title: 'A lead', content: 'Call back' });
  });
  afterAll(async () => app?.destroy());

  it('a page, a search, the counts and the channel lists run no column lookup, and still answer the message', async () => {
    const inbox = inboxOf(app);
    let answers: unknown[] = [];
    const statements = await driverStatementsDuring(async () => {
      answers = [
        await inbox.list(user, {}),
        await inbox.list(user, { q: 'lead' }),
        await inbox.counts(user),
        await inbox.channelList(user, {}),
        await inbox.channelList(user, { q: 'lead' }),
      ];
    });
    expect(statements.filter((sql) => /^SELECT/i.test(sql)).length).toBeGreaterThan(0);
    expect(columnLookups(statements)).toEqual([]);
    const [page, search] = answers as { rows: { title: string; createdAt: unknown }[] }[];
    for (const found of [page, search]) {
      expect(found.rows.map((m) => m.title)).toEqual(['A lead']);
      expect(found.rows[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    expect(answers[2]).toMatchObject({ unread: 1 });
    for (const channels of answers.slice(3) as { rows: { name: string; latestMessage: { title: string; createdAt: string } }[] }[]) {
      expect(channels.rows.map((c) => [c.name, c.latestMessage.title])).toEqual([['ops', 'A lead']]);
      expect(channels.rows[0].latestMessage.createdAt).toBe((page.rows[0] as { createdAt: string }).createdAt);
    }
  });

  it('a find that is not ours still looks the column types up, as sequelize does', async () => {
    const statements = await driverStatementsDuring(() => app.db.getRepository(COLLECTIONS.messages).find({ filter: { userId: user } }));
    expect(columnLookups(statements)).toHaveLength(1);
  });
});
