import { MockServer } from '@nocobase/test';
import { COLLECTIONS } from '../shared/constants';
import { parseReceivers } from '../server/services/validation/receivers';
import { createBystanders, createChannel, createInboxApp, createUsers, inboxOf, userId } from './test-utils';
import type { InboxMessage } from '../shared/contract';

describe('sending through the service', () => {
  let app: MockServer;
  let users: any[];

  beforeAll(async () => {
    app = await createInboxApp();
    users = await createUsers(app, 3);
    await createChannel(app, 'marketing');
  });
  afterAll(async () => app?.destroy());

  it('creates one message per existing receiver, deduplicated, and announces them after commit', async () => {
    const announced: InboxMessage[][] = [];
    const off = inboxOf(app).events.on('created', (m) => announced.push(m));
    const ids = users.map(userId);
    const messages = await inboxOf(app).send({
      channelName: 'marketing',
      receivers: [ids[0], String(ids[1]), ids[0], { id: ids[2] }, 999999],
      title: 'New lead',
      content: '**Acme** wants a demo',
      url: '/admin/leads/1',
    });
    off();
    expect(messages.map((m) => m.userId).sort()).toEqual([...ids].sort());
    expect(messages[0]).toMatchObject({ title: 'New lead', level: 'info', url: '/admin/leads/1', readAt: null });
    expect(announced).toHaveLength(1);
    expect(announced[0].map((m) => m.id)).toEqual(messages.map((m) => m.id));
    const stored = await app.db.getModel(COLLECTIONS.messages).count({ where: { title: 'New lead' } });
    expect(stored).toBe(3);
  });

  it('pairs each receiver with its own row and counts it over more receivers than one statement takes', async () => {
    const many = await createBystanders(app, 5_002);
    const missing = Math.max(...many) + 1000;
    const receivers = [...many.slice(0, 5_001), missing, many[5_001]];
    for (const [title, to] of [['over one statement', many], ['one missing in the second statement', receivers]] as const) {
      const sent = await inboxOf(app).send({ channelName: 'marketing', receivers: [...to], title });
      const stored = await app.db.getModel(COLLECTIONS.messages).findAll({ where: { title }, attributes: ['id', 'userId'], raw: true });
      expect(sent.map((m) => [m.id, m.userId])).toEqual(stored.map((r: any) => [Number(r.id), Number(r.userId)]).sort((a, b) => a[0] - b[0]));
      expect(sent).toHaveLength(5_002);
    }
    await inboxOf(app).countsSettled();
    const counters = await app.db.getModel(COLLECTIONS.counters).findAll({ where: { userId: [many[0], many[5_001]], channelName: 'marketing' }, raw: true });
    expect(counters.map((c: any) => Number(c.unreadCount))).toEqual([2, 2]);
  });

  it('returns each receiver the id of its own row: unsorted, missing users, role checks and id gaps alike', async () => {
    const messages = app.db.getModel(COLLECTIONS.messages);
    const stored = async (title: string) =>
      (await messages.findAll({ where: { title }, attributes: ['id', 'userId'], raw: true })).map((r: any) => [Number(r.id), Number(r.userId)]);
    const returned = (sent: InboxMessage[]) => sent.map((m) => [m.id, m.userId]);
    const ids = users.map(userId);
    const cases: [string, unknown[]][] = [
      ['unsorted', [ids[2], ids[0], ids[1]]],
      ['with a missing user', [ids[1], 999999, ids[0]]],
    ];
    for (const [title, receivers] of cases) {
      const sent = await inboxOf(app).send({ channelName: 'marketing', receivers: receivers as number[], title });
      expect(returned(sent)).toEqual((await stored(title)).sort((a, b) => a[0] - b[0]));
    }
    // the newest row deleted: an AUTOINCREMENT table does not hand its id out again
    const top = await inboxOf(app).send({ channelName: 'marketing', receivers: [ids[0]], title: 'dropped' });
    await inboxOf(app).destroy(ids[0], [top[0].id]);
    const afterGap = await inboxOf(app).send({ channelName: 'marketing', receivers: ids, title: 'after a gap' });
    expect(returned(afterGap)).toEqual((await stored('after a gap')).sort((a, b) => a[0] - b[0]));
    await inboxOf(app).countsSettled();
    const counters = await app.db.getModel(COLLECTIONS.counters).findAll({ where: { channelName: 'marketing' }, raw: true });
    for (const counter of counters as any[]) {
      const unread = await messages.count({ where: { userId: counter.userId, channelName: 'marketing', readAt: null } });
      expect([counter.userId, Number(counter.unreadCount)]).toEqual([counter.userId, unread]);
    }
  });

  it('learns its new ids from what the database reports, without RETURNING them (PostgreSQL: inside its one statement)', async () => {
    const query = jest.spyOn(app.db.sequelize, 'query');
    try {
      await inboxOf(app).send({ channelName: 'marketing', receivers: users.map(userId), title: 'ids as reported' });
      const statements = query.mock.calls.map(([sql]) => String(sql));
      const dialect = app.db.sequelize.getDialect();
      expect(statements.filter((sql) => /RETURNING/i.test(sql))).toHaveLength(dialect === 'postgres' ? 1 : 0);
    } finally {
      query.mockRestore();
    }
  });

  it('ids grow monotonically across sends', async () => {
    const first = await inboxOf(app).send({ channelName: 'marketing', receivers: [userId(users[0])], title: 'a' });
    const second = await inboxOf(app).send({ channelName: 'marketing', receivers: [userId(users[0])], title: 'b' });
    expect(second[0].id).toBeGreaterThan(first[0].id);
  });

  it('resolves role names and user filters', async () => {
    const [sales] = await createUsers(app, 1, ['member', 'admin']);
    const byRole = await inboxOf(app).send({ channelName: 'marketing', receivers: [{ role: 'admin' }], title: 'to admins' });
    expect(byRole.map((m) => m.userId)).toContain(userId(sales));
    expect(byRole.map((m) => m.userId)).not.toContain(userId(users[0]));
    const byFilter = await inboxOf(app).send({
      channelName: 'marketing',
      receivers: [{ filter: { username: users[1].get('username') } }],
      title: 'filtered',
    });
    expect(byFilter.map((m) => m.userId)).toEqual([userId(users[1])]);
  });

  it('announces nothing and writes nothing when the caller rolls back', async () => {
    const announced: InboxMessage[][] = [];
    const off = inboxOf(app).events.on('created', (m) => announced.push(m));
    const transaction = await app.db.sequelize.transaction();
    await inboxOf(app).send({ channelName: 'marketing', receivers: [userId(users[0])], title: 'rolled back' }, { transaction });
    await transaction.rollback();
    off();
    expect(announced).toHaveLength(0);
    expect(await app.db.getModel(COLLECTIONS.messages).count({ where: { title: 'rolled back' } })).toBe(0);
  });

  it('announces after the caller commits', async () => {
    const announced: InboxMessage[][] = [];
    const off = inboxOf(app).events.on('created', (m) => announced.push(m));
    const transaction = await app.db.sequelize.transaction();
    await inboxOf(app).send({ channelName: 'marketing', receivers: [userId(users[0])], title: 'committed' }, { transaction });
    expect(announced).toHaveLength(0);
    await transaction.commit();
    off();
    expect(announced).toHaveLength(1);
  });
});

describe('reading receivers', () => {
  it('takes a user record carrying its own roles as that user, not as roles', () => {
    expect(parseReceivers([{ id: 7, roles: [{ name: 'admin' }] }])).toEqual({ userIds: [7], roles: [], filters: [] });
  });

  it('sorts ids, role names, filters and nested lists', () => {
    expect(parseReceivers([[1, '2'], { role: 'sales' }, { roles: ['ops'] }, { filter: { id: 3 } }, { type: 'userId', value: [4] }])).toEqual({
      userIds: [1, 2, 4],
      roles: ['sales', 'ops'],
      filters: [{ id: 3 }],
    });
  });
});
