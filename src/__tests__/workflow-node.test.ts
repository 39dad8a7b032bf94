import { EXECUTION_STATUS, JOB_STATUS } from '@nocobase/plugin-workflow';
import { MockServer } from '@nocobase/test';
import { COLLECTIONS, INSTRUCTION_TYPE } from '../shared/constants';
import {
  createChannel,
  createCollectionWorkflow,
  createInboxApp,
  defineLeads,
  createUsers,
  inboxOf,
  userId,
  waitForExecutions,
} from './test-utils';
import type { InboxMessage } from '../shared/contract';

/** The "Marketing Clue" seed: a new lead tells the sales team, with a View link to the lead. */
const seedConfig = {
  channelName: 'marketing-clue',
  receivers: [{ role: 'sales' }],
  title: 'New lead: {{$context.data.name}}',
  content: '**{{$context.data.company}}** wants a demo',
  level: 'warning',
  url: '/admin/leads/{{$context.data.id}}',
  toastDuration: 8,
};

describe('the in-app-message workflow node', () => {
  let app: MockServer;
  let sales: any[];
  let outsider: any;
  let leadCount = 0;

  const messagesTitled = async (user: any, title: string) =>
    (await app.db.getModel(COLLECTIONS.messages).findAll({ where: { userId: userId(user), title }, raw: true })) as any[];
  const createLead = (values: Record<string, unknown> = {}, transaction?: any) =>
    app.db.getRepository('leads').create({ values: { name: `Lead ${++leadCount}`, company: 'Acme', ...values }, transaction });
  const runOnce = async (config: Record<string, unknown>, lead: Record<string, unknown> = {}, sync = false) => {
    const workflow = await createCollectionWorkflow(app, {
      collection: 'leads',
      sync,
      appends: ['owner'],
      nodes: [{ type: INSTRUCTION_TYPE, config }],
    });
    const record = await createLead(lead);
    const [execution] = await waitForExecutions(app, workflow.get('id'));
    return { record, execution, job: execution.get('jobs')[0] };
  };

  beforeAll(async () => {
    app = await createInboxApp();
    await defineLeads(app);
    await app.db.getRepository('roles').create({ values: { name: 'sales', title: 'Sales' } });
    sales = await createUsers(app, 3, ['member', 'sales']);
    [outsider] = await createUsers(app, 1);
    await createChannel(app, 'marketing-clue', 'Marketing Clue');
    await createChannel(app, 'mail', 'Mail', 'email');
  });
  afterAll(async () => app?.destroy());
  // every enabled workflow on `leads` runs for every new lead: each test starts with none
  afterEach(async () => {
    await app.db.getRepository('workflows').update({ filter: { enabled: true }, values: { enabled: false } });
  });

  it.each([
    ['an asynchronous', false],
    ['a synchronous', true],
  ])("in %s workflow, each sales user gets exactly one message carrying the lead's fields", async (_mode, sync) => {
    const { record, execution, job } = await runOnce(seedConfig, {}, sync);
    const name = record.get('name');
    expect(execution.get('status')).toBe(EXECUTION_STATUS.RESOLVED);
    expect(job.get('status')).toBe(JOB_STATUS.RESOLVED);
    expect(job.get('result')).toEqual({ sent: 3, userIds: sales.map(userId).sort((a, b) => a - b) });
    for (const user of sales) {
      const messages = await messagesTitled(user, `New lead: ${name}`);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        channelName: 'marketing-clue',
        content: '**Acme** wants a demo',
        level: 'warning',
        url: `/admin/leads/${record.get('id')}`,
      });
      const options = typeof messages[0].options === 'string' ? JSON.parse(messages[0].options) : messages[0].options;
      expect(options).toEqual({ toastDuration: 8 });
    }
    expect(await messagesTitled(outsider, `New lead: ${name}`)).toHaveLength(0);
  });

  it.each([
    ['a user id', '{{$context.data.ownerId}}'],
    ['a user record', '{{$context.data.owner}}'],
  ])('receivers can be a workflow variable holding %s', async (_kind, variable) => {
    const owner = sales[1];
    const { record, job } = await runOnce({ ...seedConfig, receivers: [variable] }, { ownerId: userId(owner) });
    expect(job.get('result')).toMatchObject({ sent: 1, userIds: [userId(owner)] });
    expect(await messagesTitled(owner, `New lead: ${record.get('name')}`)).toHaveLength(1);
    expect(await messagesTitled(sales[0], `New lead: ${record.get('name')}`)).toHaveLength(0);
  });

  it.each([
    ['an unknown variable', { title: 'Lead {{$context.nope.name}}' }, 'title: unknown variable {{$context.nope.name}}'],
    ['an unknown node in the receivers', { receivers: ['{{$jobsMapByNodeKey.gone.id}}'] }, 'receivers: unknown variable {{$jobsMapByNodeKey.gone.id}}'],
    ['an empty receiver list', { receivers: ['{{$context.data.ownerId}}'] }, 'receivers: at least one receiver is required'],
    ['a channel of another type', { channelName: 'mail' }, 'channelName: channel "mail" is not an in-app message channel'],
    ['a title that resolves empty', { title: '{{$context.data.owner}}' }, 'title: is required'],
  ])('%s fails the job with a clear reason and sends nothing', async (_case, override, reason) => {
    const sent: InboxMessage[][] = [];
    const off = inboxOf(app).events.on('created', (m) => sent.push(m));
    const { execution, job } = await runOnce({ ...seedConfig, ...override });
    off();
    expect(job.get('status')).toBe(JOB_STATUS.FAILED);
    expect(job.get('result')).toEqual({ sent: 0, userIds: [], error: reason });
    expect(execution.get('status')).toBe(EXECUTION_STATUS.FAILED);
    expect(sent).toHaveLength(0);
  });

  it('a field the new record leaves out prints empty, as the stock node does, instead of failing', async () => {
    const { record, job } = await runOnce({ ...seedConfig, content: 'Note: {{$context.data.leftOut}}.' });
    expect(job.get('status')).toBe(JOB_STATUS.RESOLVED);
    const [message] = await messagesTitled(sales[0], `New lead: ${record.get('name')}`);
    expect(message.content).toBe('Note: .');
  });

  it('with "ignore failure" the job resolves with the reason and the workflow goes on', async () => {
    const { execution, job } = await runOnce({ ...seedConfig, receivers: ['{{$context.data.ownerId}}'], ignoreFail: true });
    expect(job.get('status')).toBe(JOB_STATUS.RESOLVED);
    expect(job.get('result')).toMatchObject({ sent: 0, error: 'receivers: at least one receiver is required' });
    expect(execution.get('status')).toBe(EXECUTION_STATUS.RESOLVED);
  });

  it('inside the triggering transaction, its messages exist and are announced only if it commits', async () => {
    const workflow = await createCollectionWorkflow(app, {
      collection: 'leads',
      sync: true,
      nodes: [{ type: INSTRUCTION_TYPE, config: seedConfig }],
    });
    const announced: InboxMessage[][] = [];
    const off = inboxOf(app).events.on('created', (m) => announced.push(m));

    const rolledBack = await app.db.sequelize.transaction();
    const lost = await createLead({}, rolledBack);
    const ranInside = (await app.db.getRepository('executions').count({ filter: { workflowId: workflow.get('id') } })) > 0;
    await rolledBack.rollback();
    const kept = await app.db.sequelize.transaction();
    const saved = await createLead({}, kept);
    await kept.commit();
    await waitForExecutions(app, workflow.get('id'), ranInside ? 2 : 1);
    off();

    // PostgreSQL runs a synchronous collection workflow inside the request's transaction; SQLite after its commit
    expect(ranInside).toBe(app.db.options.dialect !== 'sqlite');
    for (const user of sales) {
      expect(await messagesTitled(user, `New lead: ${lost.get('name')}`)).toHaveLength(0);
      expect(await messagesTitled(user, `New lead: ${saved.get('name')}`)).toHaveLength(1);
    }
    expect(announced.map((batch) => batch[0].title)).toEqual([`New lead: ${saved.get('name')}`]);
  });

  it('saving a node checks the types of its config, and accepts a half-filled draft', async () => {
    const workflow = await app.db.getRepository('workflows').create({
      values: { title: 'draft', type: 'collection', enabled: false, config: { mode: 1, collection: 'leads' } },
    });
    const nodes = app.agent().resource('workflows.nodes', workflow.get('id'));
    const badConfig = { level: 'loud', toastDuration: -1, receivers: 'all' };
    const bad = await nodes.create({ values: { type: INSTRUCTION_TYPE, config: badConfig } });
    expect(bad.status).toBe(400);
    const instruction = (app.pm.get('workflow') as any).instructions.get(INSTRUCTION_TYPE);
    expect(Object.keys(instruction.validateConfig(badConfig)).sort()).toEqual(['level', 'receivers', 'toastDuration']);
    const draft = await nodes.create({ values: { type: INSTRUCTION_TYPE, config: { receivers: [], level: 'info', title: '' } } });
    expect(draft.status).toBe(200);
  });
});
