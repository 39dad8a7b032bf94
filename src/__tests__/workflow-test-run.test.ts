import { MockServer } from '@nocobase/test';
import { COLLECTIONS } from '../shared/constants';
import { createChannel, createInboxApp, createUsers, loginAs, userId } from './test-utils';

const config = {
  channelName: 'approvals',
  receivers: [{ role: 'admin' }],
  title: 'Approve {{$context.data.name}}?',
  content: 'From {{ $context.data.owner.nickname }}',
  url: '/admin/requests/{{$context.data.id}}',
  actions: [{ key: 'approve', title: 'Approve {{$context.data.name}}', style: 'primary' }],
  waitFor: 'response',
};

describe('"Test run" of the in-app message node', () => {
  let app: MockServer;
  let designer: any;
  let otherAdmin: any;
  let member: any;

  beforeAll(async () => {
    app = await createInboxApp({ acl: true, plugins: ['error-handler', 'data-source-main'] });
    [designer, otherAdmin] = await createUsers(app, 2, ['admin']);
    [member] = await createUsers(app, 1);
    await createChannel(app, 'approvals', 'Approvals');
  });
  afterAll(async () => app?.destroy());

  it('sends the message to the designer alone, with sample values for the variables', async () => {
    const agent = await loginAs(app, designer, 'admin');
    const res = await agent.resource('inboxWorkflowTests').send({ values: { config } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      userId: userId(designer),
      title: 'Approve [name]?',
      content: 'From [nickname]',
      url: '/admin/requests/[id]',
      actions: [{ key: 'approve', title: 'Approve [name]', style: 'primary' }],
    });
    const sentTo = (await app.db.getModel(COLLECTIONS.messages).findAll({ where: { channelName: 'approvals' }, raw: true })) as any[];
    expect(sentTo.map((m) => Number(m.userId))).toEqual([userId(designer)]);
    expect(sentTo.map((m) => Number(m.userId))).not.toContain(userId(otherAdmin));
  });

  it('answers 400 naming the field of a bad config, and 403 to a user who is not an admin', async () => {
    const agent = await loginAs(app, designer, 'admin');
    const bad = await agent.resource('inboxWorkflowTests').send({ values: { config: { ...config, title: '' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('title');
    const refused = await (await loginAs(app, member)).resource('inboxWorkflowTests').send({ values: { config } });
    expect(refused.status).toBe(403);
  });
});
