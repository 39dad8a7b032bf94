import { MockServer } from '@nocobase/test';
import { COLLECTIONS } from '../shared/constants';
import { createChannel, createInboxApp, createUsers, inboxOf, loginAs, userId } from './test-utils';

/** owner / other member / admin / anonymous × every action: only the owner ever sees or changes the owner's rows. */
describe('authorization: every my* action is scoped to the current user', () => {
  let app: MockServer;
  let owner: any;
  let other: any;
  let admin: any;
  let ownerMessageId: number;

  beforeAll(async () => {
    app = await createInboxApp({ acl: true });
    [owner, other] = await createUsers(app, 2);
    [admin] = await createUsers(app, 1, ['admin', 'member']);
    await createChannel(app, 'secret', 'Secret');
    const [message] = await inboxOf(app).send({ channelName: 'secret', receivers: [userId(owner)], title: 'owner only' });
    ownerMessageId = message.id;
  });
  afterAll(async () => app?.destroy());

  const ownerRow = () => app.db.getModel(COLLECTIONS.messages).findByPk(ownerMessageId, { raw: true }) as any;

  const strangers = [
    ['another member', () => loginAs(app, other, 'member')],
    ['an admin', () => loginAs(app, admin, 'admin')],
  ] as const;

  describe.each(strangers)('%s', (_label, login) => {
    it('lists, counts and pages nothing of the owner', async () => {
      const agent = await login();
      const messages = await agent.resource('myInboxMessages').list({ channelName: 'secret' });
      const channels = await agent.resource('myInboxChannels').list();
      const count = await agent.resource('myInboxMessages').count();
      expect([messages.status, channels.status, count.status]).toEqual([200, 200, 200]);
      expect(messages.body.data).toEqual([]);
      expect(channels.body.data).toEqual([]);
      expect(count.body.data).toEqual({ unread: 0, total: 0, channels: {} });
      expect(JSON.stringify([messages.body, channels.body, count.body])).not.toContain('owner only');
    });

    it.each(['markRead', 'markUnread', 'destroy'])("gets 404 for the owner's message id on %s and changes nothing", async (action) => {
      const agent = await login();
      const before = await ownerRow();
      const res = await agent.resource('myInboxMessages')[action]({ filterByTk: ownerMessageId });
      expect(res.status).toBe(404);
      expect(res.body.errors[0].field).toBe('filterByTk');
      expect(await ownerRow()).toEqual(before);
    });

    it("cannot mark all of the owner's messages read", async () => {
      const agent = await login();
      await agent.resource('myInboxMessages').markAllRead({ channelName: 'secret' });
      expect((await ownerRow()).readAt).toBeNull();
    });

    it("reads and writes only its own preferences", async () => {
      const agent = await login();
      await agent.resource('myInboxPreferences').set({ values: { mutedChannels: ['secret'] } });
      expect((await inboxOf(app).preferences(userId(owner))).mutedChannels).toEqual([]);
    });
  });

  it('a message id that is partly the caller\'s and partly not changes nothing at all', async () => {
    const [mine] = await inboxOf(app).send({ channelName: 'secret', receivers: [userId(other)], title: 'mine' });
    const agent = await loginAs(app, other);
    const res = await agent.resource('myInboxMessages').markRead({ filterByTk: [mine.id, ownerMessageId] });
    expect(res.status).toBe(404);
    const row = (await app.db.getModel(COLLECTIONS.messages).findByPk(mine.id, { raw: true })) as any;
    expect(row.readAt).toBeNull();
  });

  describe('anonymous', () => {
    const actions: [string, string][] = [
      ['myInboxMessages', 'list'],
      ['myInboxMessages', 'count'],
      ['myInboxMessages', 'markRead'],
      ['myInboxMessages', 'markUnread'],
      ['myInboxMessages', 'markAllRead'],
      ['myInboxMessages', 'destroy'],
      ['myInboxChannels', 'list'],
      ['myInboxPreferences', 'get'],
      ['myInboxPreferences', 'set'],
      ['inboxSettings', 'get'],
      ['inboxSettings', 'set'],
    ];
    it.each(actions)('%s:%s is refused with no data', async (resource, action) => {
      const res = await app.agent().resource(resource)[action]({ filterByTk: ownerMessageId, values: { retentionDays: 1 } });
      expect([401, 403]).toContain(res.status);
      expect(res.body.data).toBeUndefined();
      expect((await ownerRow()).readAt).toBeNull();
    });
  });

  it('app settings are for admins: a member is refused, an admin may change them', async () => {
    const member = await loginAs(app, other, 'member');
    expect((await member.resource('inboxSettings').set({ values: { retentionDays: 3 } })).status).toBe(403);
    const root = await loginAs(app, admin, 'admin');
    const res = await root.resource('inboxSettings').set({ values: { retentionDays: 3 } });
    expect(res.status).toBe(200);
    expect((await root.resource('inboxSettings').get()).body.data).toEqual({ retentionDays: 3 });
  });

  describe('a member whose role may view, create, update and destroy every collection', () => {
    let broad: any;
    beforeAll(async () => {
      await app.db.getRepository('roles').create({
        values: { name: 'broad', title: 'Broad', strategy: { actions: ['view', 'create', 'update', 'destroy'] } },
      });
      [broad] = await createUsers(app, 1, ['broad']);
    });

    const tables = Object.values(COLLECTIONS);
    const actions = ['list', 'get', 'create', 'update', 'destroy'];
    it.each(tables.flatMap((table) => actions.map((action) => [table, action])))(
      'still gets 403 on our raw table %s:%s, and nothing changes',
      async (table, action) => {
        const agent = await loginAs(app, broad, 'broad');
        const before = await ownerRow();
        const res = await agent.resource(table)[action]({ filterByTk: ownerMessageId, values: { title: 'pwned', readAt: new Date() } });
        expect(res.status).toBe(403);
        expect(JSON.stringify(res.body)).not.toContain('owner only');
        expect(await ownerRow()).toEqual(before);
      },
    );

    it('has those permissions on the app\'s own collections, and reaches its inbox through the my* actions', async () => {
      const agent = await loginAs(app, broad, 'broad');
      expect((await agent.resource('roles').list()).status).toBe(200);
      expect((await agent.resource('myInboxMessages').count()).status).toBe(200);
    });
  });
});
