import { EXECUTION_STATUS, JOB_STATUS } from '@nocobase/plugin-workflow';
import { MockServer } from '@nocobase/test';
import { COLLECTIONS } from '../shared/constants';
import { createChannel, createCollectionWorkflow, createInboxApp, defineLeads, createUsers, userId, waitForExecutions } from './test-utils';

describe("the stock workflow 'notification' node through a channel of our type", () => {
  let app: MockServer;
  let team: any[];

  beforeAll(async () => {
    app = await createInboxApp();
    await defineLeads(app);
    team = await createUsers(app, 2);
    await createChannel(app, 'marketing-clue', 'Marketing Clue');
  });
  afterAll(async () => app?.destroy());

  it('delivers the message form of the node, variables resolved, to each receiver', async () => {
    const workflow = await createCollectionWorkflow(app, {
      collection: 'leads',
      nodes: [
        {
          type: 'notification',
          config: {
            channelName: 'marketing-clue',
            receivers: team.map(userId),
            title: 'Lead {{$context.data.name}}',
            // the stock node hands `content` to Notification Manager unparsed, which compiles it with Handlebars
            content: 'From **{{$context.data.company}}**',
            level: 'success',
            url: '/admin/leads/{{$context.data.id}}',
            toastDuration: 5,
          },
        },
      ],
    });
    const lead = await app.db.getRepository('leads').create({ values: { name: 'Ann', company: 'Acme' } });
    const [execution] = await waitForExecutions(app, workflow.get('id'));
    expect(execution.get('status')).toBe(EXECUTION_STATUS.RESOLVED);
    expect(execution.get('jobs')[0].get('status')).toBe(JOB_STATUS.RESOLVED);
    for (const user of team) {
      const rows = (await app.db.getModel(COLLECTIONS.messages).findAll({ where: { userId: userId(user) }, raw: true })) as any[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        channelName: 'marketing-clue',
        title: 'Lead Ann',
        content: 'From **Acme**',
        level: 'success',
        url: `/admin/leads/${lead.get('id')}`,
      });
    }
  });
});
