import { MockServer } from '@nocobase/test';
import { CHANNEL_TYPE, COLLECTIONS } from '../shared/constants';
import { createInboxApp, createUsers, inboxOf, loginAs, userId } from './test-utils';

describe('the in-app channel type in Notification Manager', () => {
  let app: MockServer;
  let users: any[];
  let admin: any;
  const manager = () => app.pm.get('notification-manager') as any;
  const messagesOf = (id: number) =>
    app.db.getModel(COLLECTIONS.messages).findAll({ where: { userId: id }, order: [['id', 'ASC']], raw: true }) as Promise<any[]>;

  beforeAll(async () => {
    app = await createInboxApp({ acl: true });
    users = await createUsers(app, 2);
    [admin] = await createUsers(app, 1, ['admin']);
  });
  afterAll(async () => app?.destroy());

  it('is registered with notification-manager, without the queue', () => {
    expect(manager().channelTypes.get(CHANNEL_TYPE)).toMatchObject({ useQueue: false });
  });

  it('an admin creates a channel of it through the manager API', async () => {
    const agent = await loginAs(app, admin, 'admin');
    const res = await agent.resource('notificationChannels').create({
      values: { name: 'clue', title: 'Marketing Clue', description: 'new leads', notificationType: CHANNEL_TYPE, options: {} },
    });
    expect(res.status).toBe(200);
    const list = await agent.resource('notificationChannels').list({ filter: { notificationType: CHANNEL_TYPE } });
    expect(list.body.data.map((c: any) => c.title)).toContain('Marketing Clue');
  });

  it("manager.send compiles the message with the data and delivers the message form's receivers", async () => {
    const result = await manager().send({
      channelName: 'clue',
      triggerFrom: 'test',
      message: {
        receivers: users.map(userId),
        title: 'Lead {{lead.name}}',
        content: 'From **{{lead.company}}**',
        level: 'success',
        url: '/admin/leads/{{lead.id}}',
        toastDuration: 8,
      },
      data: { lead: { id: 7, name: 'Ann', company: 'Acme' } },
    });
    expect(result.status).toBe('success');
    for (const user of users) {
      const [message] = (await messagesOf(userId(user))).slice(-1);
      expect(message).toMatchObject({ title: 'Lead Ann', content: 'From **Acme**', level: 'success', url: '/admin/leads/7' });
      const options = typeof message.options === 'string' ? JSON.parse(message.options) : message.options;
      expect(options).toEqual({ toastDuration: 8 });
    }
  });

  it("manager-level receivers ({ type: 'userId' }) and sendToUsers reach exactly those users", async () => {
    const before = (await messagesOf(userId(users[1]))).length;
    await manager().sendToUsers({ userIds: [userId(users[0])], channels: ['clue'], message: { title: 'only first' } });
    expect((await messagesOf(userId(users[0]))).slice(-1)[0].title).toBe('only first');
    expect((await messagesOf(userId(users[1]))).length).toBe(before);
  });

  it('a failed send is logged as a failure with the reason, never thrown', async () => {
    const result = await manager().send({ channelName: 'clue', triggerFrom: 'test', message: { receivers: [userId(users[0])], title: '' } });
    expect(result).toMatchObject({ status: 'failure' });
    const logs = await app.db.getRepository('notificationSendLogs').find({ filter: { channelName: 'clue', status: 'failure' } });
    expect(logs.map((l: any) => l.get('reason')).join()).toMatch(/title/);
  });

  it('deleting a channel deletes its messages and counters; deleting a user deletes theirs', async () => {
    await inboxOf(app).send({ channelName: 'clue', receivers: users.map(userId), title: 'soon gone' });
    await app.db.getRepository('users').destroy({ filterByTk: userId(users[1]) });
    expect(await messagesOf(userId(users[1]))).toEqual([]);
    expect(await app.db.getModel(COLLECTIONS.counters).count({ where: { userId: userId(users[1]) } })).toBe(0);

    await app.db.getRepository('notificationChannels').destroy({ filter: { name: 'clue' } });
    expect(await app.db.getModel(COLLECTIONS.messages).count({ where: { channelName: 'clue' } })).toBe(0);
    expect(await app.db.getModel(COLLECTIONS.counters).count({ where: { channelName: 'clue' } })).toBe(0);
  });
});
