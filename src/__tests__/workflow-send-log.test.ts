import { JOB_STATUS } from '@nocobase/plugin-workflow';
import { MockServer } from '@nocobase/test';
import { INSTRUCTION_TYPE } from '../shared/constants';
import { createChannel, createCollectionWorkflow, createInboxApp, createUsers, userId, waitForExecutions } from './test-utils';

/** Our node's sends show in Notification Manager → Logs (`notificationSendLogs`), as the stock node's do. */
describe('send log of the in-app-message node', () => {
  let app: MockServer;
  let receivers: number[];

  beforeAll(async () => {
    app = await createInboxApp();
    app.db.collection({ name: 'tickets', fields: [{ type: 'string', name: 'subject' }] });
    await app.db.sync();
    receivers = (await createUsers(app, 2)).map(userId);
    await createChannel(app, 'support', 'Support desk');
  });
  afterAll(async () => app?.destroy());
  afterEach(async () => {
    await app.db.getRepository('workflows').update({ filter: { enabled: true }, values: { enabled: false } });
  });

  const runNode = async (config: Record<string, unknown>) => {
    const workflow = await createCollectionWorkflow(app, { collection: 'tickets', nodes: [{ type: INSTRUCTION_TYPE, config }] });
    await app.db.getRepository('tickets').create({ values: { subject: `T${Date.now()}` } });
    const [execution] = await waitForExecutions(app, workflow.get('id'));
    return execution.get('jobs')[0];
  };
  const latestLog = async () =>
    (await app.db.getRepository('notificationSendLogs').findOne({ sort: ['-createdAt'] }))?.toJSON() as any;

  it('logs a send as a success with the channel, trigger and receivers count', async () => {
    const job = await runNode({ channelName: 'support', receivers, title: 'New ticket: {{$context.data.subject}}' });
    expect(job.get('status')).toBe(JOB_STATUS.RESOLVED);
    const log = await latestLog();
    expect(log).toMatchObject({ channelName: 'support', channelTitle: 'Support desk', triggerFrom: 'workflow', status: 'success' });
    expect(log.message).toMatchObject({ receiversCount: 2 });
    expect(log.message.title).toMatch(/^New ticket: T\d+$/);
  });

  it('logs a failing send with its reason', async () => {
    const job = await runNode({ channelName: 'support', receivers, title: '' });
    expect(job.get('status')).toBe(JOB_STATUS.FAILED);
    expect(await latestLog()).toMatchObject({ channelName: 'support', status: 'failure', reason: 'title: is required' });
  });
});
