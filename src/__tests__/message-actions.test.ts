import { MockServer } from '@nocobase/test';
import { createChannel, createInboxApp, createUsers, inboxOf, loginAs, userId, waitUntil } from './test-utils';
import type { InboxChange } from '../shared/contract';

const buttons = [
  { key: 'approve', title: 'Approve', style: 'primary' },
  { key: 'reject', title: 'Reject', style: 'danger' },
  { key: 'open', title: 'Open the lead', url: '/admin/leads/1' },
];

describe('message buttons and responses', () => {
  let app: MockServer;
  let owner: any;
  let other: any;
  let agent: any;
  const changes: InboxChange[] = [];

  const send = async (extra: Record<string, unknown> = {}) => {
    const [message] = await inboxOf(app).send({
      channelName: 'approvals',
      receivers: [userId(owner)],
      title: 'Expense report',
      actions: buttons,
      ...extra,
    });
    return message;
  };
  const respond = (id: number, action: unknown, as = agent) =>
    as.resource('myInboxMessages').respond({ filterByTk: id, values: { action } });

  beforeAll(async () => {
    app = await createInboxApp({ acl: true, plugins: ['error-handler', 'data-source-main'] });
    [owner, other] = await createUsers(app, 2);
    await createChannel(app, 'approvals', 'Approvals');
    agent = await loginAs(app, owner);
    inboxOf(app).events.on('changed', (change) => changes.push(change));
  });
  afterAll(async () => app?.destroy());

  it('stores up to three buttons and lists them with no response yet', async () => {
    const sent = await send();
    expect(sent.actions).toEqual(buttons);
    const list = await agent.resource('myInboxMessages').list({ limit: 1 });
    expect(list.body.data[0]).toMatchObject({ id: sent.id, actions: buttons, response: null });
  });

  it.each([
    [{ actions: [...buttons, { key: 'more', title: 'More' }] }, 'actions'],
    [{ actions: [{ key: 'bad key', title: 'x' }] }, 'actions[0].key'],
    [{ actions: [{ key: 'a'.repeat(51), title: 'x' }] }, 'actions[0].key'],
    [{ actions: [{ key: 'ok', title: 'x'.repeat(51) }] }, 'actions[0].title'],
    [{ actions: [{ key: 'ok', title: ' ' }] }, 'actions[0].title'],
    [{ actions: [{ key: 'ok', title: 'Ok', style: 'loud' }] }, 'actions[0].style'],
    [{ actions: [{ key: 'ok', title: 'Ok', url: 'javascript:alert(1)' }] }, 'actions[0].url'],
    [{ actions: [{ key: 'ok', title: 'Ok' }, { key: 'x', title: 'X', url: '//evil.example' }] }, 'actions[1].url'],
    [{ actions: [{ key: 'ok', title: 'Ok' }, { key: 'ok', title: 'Again' }] }, 'actions'],
    [{ actions: 'approve' }, 'actions'],
  ])('refuses %j with a 400 naming %s, writing nothing', async (extra, field) => {
    const before = await app.db.getModel('inboxMessages').count();
    await expect(send(extra)).rejects.toMatchObject({ status: 400, field });
    expect(await app.db.getModel('inboxMessages').count()).toBe(before);
  });

  it("keeps the first response, marks the message read and tells the user's tabs", async () => {
    const { id } = await send();
    changes.length = 0;
    const first = await respond(id, 'approve');
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ id, response: { action: 'approve' }, readAt: expect.any(String) });
    const at = first.body.data.response.at;
    await waitUntil(() => changes.length > 0, "the change to reach the user's tabs");
    expect(changes).toEqual([
      { userId: userId(owner), change: 'responded', ids: [id], response: { action: 'approve', at } },
    ]);

    const same = await respond(id, 'approve');
    expect(same.status).toBe(200);
    expect(same.body.data.response).toEqual({ action: 'approve', at });
    const different = await respond(id, 'reject');
    expect(different.status).toBe(409);
    expect(different.body.errors[0]).toMatchObject({ field: 'action' });
    expect(changes).toHaveLength(1);

    const [listed] = (await agent.resource('myInboxMessages').list({ status: 'read', limit: 1 })).body.data;
    expect(listed).toMatchObject({ id, response: { action: 'approve', at } });
    const count = await agent.resource('myInboxMessages').count();
    expect(count.body.data.channels.approvals.unread).toBe(
      await app.db.getModel('inboxMessages').count({ where: { userId: userId(owner), readAt: null } }),
    );
  });

  it('answers 400 for a key the message has no button for, or a message without buttons', async () => {
    const { id } = await send();
    const unknown = await respond(id, 'maybe');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('action');
    const plain = await send({ actions: [] });
    expect((await respond(plain.id, 'approve')).status).toBe(400);
    expect((await respond(id, '')).status).toBe(400);
    expect((await agent.resource('myInboxMessages').respond({ filterByTk: 'x', values: { action: 'approve' } })).status).toBe(400);
  });

  it("answers 404 for another user's message and leaves it unanswered", async () => {
    const { id } = await send();
    const stranger = await loginAs(app, other);
    expect((await respond(id, 'approve', stranger)).status).toBe(404);
    const row = await app.db.getModel('inboxMessages').findByPk(id);
    expect(row?.get('readAt')).toBeNull();
    expect(row?.get('response') ?? null).toBeNull();
  });

  it('of two concurrent different answers, one is kept and the other is a 409', async () => {
    const { id } = await send();
    const answers = await Promise.all([respond(id, 'approve'), respond(id, 'reject')]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
  });
});
