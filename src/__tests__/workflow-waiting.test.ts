import { EXECUTION_STATUS, JOB_STATUS } from '@nocobase/plugin-workflow';
import { MockServer } from '@nocobase/test';
import { COLLECTIONS, INSTRUCTION_TYPE, PLUGIN_NAME } from '../shared/constants';
import type PluginInAppMessageServer from '../server/plugin';
import { WaitingJobs } from '../server/workflow/waiting-jobs';
import { WAIT_META_KEY } from '../server/workflow/wait-state';
import {
  createChannel,
  createCollectionWorkflow,
  createInboxApp,
  createUsers,
  inboxOf,
  userId,
  waitForExecutions,
  waitUntil,
} from './test-utils';

const buttons = [
  { key: 'approve', title: 'Approve {{$context.data.name}}', style: 'primary' },
  { key: 'reject', title: 'Reject', style: 'danger' },
];

/** A node asking the approvers, then one telling the requester how it went (a downstream node reading the result). */
const askThenTell = (wait: Record<string, unknown>) => [
  {
    type: INSTRUCTION_TYPE,
    key: 'ask',
    config: { channelName: 'approvals', receivers: [{ role: 'approver' }], title: 'Approve {{$context.data.name}}?', actions: buttons, ...wait },
  },
  {
    type: INSTRUCTION_TYPE,
    key: 'tell',
    config: {
      channelName: 'approvals',
      receivers: ['{{$context.data.ownerId}}'],
      title: 'Outcome: {{$jobsMapByNodeKey.ask.status}}',
    },
  },
];

describe('the in-app-message node waiting for a read or an answer', () => {
  let app: MockServer;
  let approvers: any[];
  let requester: any;
  let count = 0;

  const disableAll = () => app.db.getRepository('workflows').update({ filter: { enabled: true }, values: { enabled: false } });
  const start = async (wait: Record<string, unknown>) => {
    await disableAll();
    const workflow = await createCollectionWorkflow(app, { collection: 'requests', nodes: askThenTell(wait) });
    const record = await app.db.getRepository('requests').create({ values: { name: `R${++count}`, ownerId: userId(requester) } });
    const job = await waitUntil(
      () => app.db.getRepository('jobs').findOne({ filter: { status: JOB_STATUS.PENDING, 'execution.workflowId': workflow.get('id') } }),
      'the waiting job',
    );
    const messages = (await app.db.getModel(COLLECTIONS.messages).findAll({
      where: { title: `Approve ${record.get('name')}?` },
      order: [['userId', 'ASC']],
      raw: true,
    })) as any[];
    return { workflow, record, job, messages };
  };
  const messageOf = (messages: any[], user: any) => Number(messages.find((m) => Number(m.userId) === userId(user)).id);
  const ended = async (workflow: any) => {
    const [execution] = await waitForExecutions(app, workflow.get('id'));
    const ask = execution.get('jobs').find((j: any) => j.get('status') !== undefined && j.get('result')?.status);
    return { execution, result: ask.get('result') };
  };
  const outcomeTold = async (record: any) =>
    ((await app.db.getModel(COLLECTIONS.messages).findAll({ where: { userId: userId(requester) }, raw: true })) as any[])
      .map((m) => m.title)
      .filter((title: string) => title.startsWith('Outcome'))
      .length && record;

  beforeAll(async () => {
    app = await createInboxApp();
    app.db.collection({ name: 'requests', fields: [{ type: 'string', name: 'name' }, { type: 'bigInt', name: 'ownerId' }] });
    await app.db.sync();
    await app.db.getRepository('roles').create({ values: { name: 'approver', title: 'Approver' } });
    approvers = await createUsers(app, 2, ['member', 'approver']);
    [requester] = await createUsers(app, 1);
    await createChannel(app, 'approvals', 'Approvals');
  });
  afterAll(async () => app?.destroy());
  afterEach(() => disableAll());

  it('stays pending with its buttons sent, then an answer resumes it and the next node reads who answered what', async () => {
    const { workflow, record, job, messages } = await start({ waitFor: 'response' });
    expect(messages).toHaveLength(2);
    const actions = typeof messages[0].actions === 'string' ? JSON.parse(messages[0].actions) : messages[0].actions;
    expect(actions.map((a: any) => a.title)).toEqual([`Approve ${record.get('name')}`, 'Reject']);
    expect(job.get('result')).toMatchObject({ sent: 2, status: 'waiting', responses: [], readBy: [] });
    const execution = await app.db.getRepository('executions').findOne({ filterByTk: job.get('executionId') });
    expect(execution.get('status')).toBe(EXECUTION_STATUS.STARTED);

    const answered = await inboxOf(app).respond(userId(approvers[1]), messageOf(messages, approvers[1]), 'approve');
    const { execution: done, result } = await ended(workflow);
    expect(done.get('status')).toBe(EXECUTION_STATUS.RESOLVED);
    expect(result).toEqual({
      sent: 2,
      userIds: approvers.map(userId).sort((a, b) => a - b),
      status: 'responded',
      responses: [{ userId: userId(approvers[1]), action: 'approve', at: answered.response!.at }],
      readBy: [userId(approvers[1])],
    });
    await waitUntil(() => outcomeTold(record), 'the outcome message');
    const [told] = (await app.db.getModel(COLLECTIONS.messages).findAll({ where: { userId: userId(requester) }, order: [['id', 'DESC']], raw: true })) as any[];
    expect(told.title).toBe('Outcome: responded');
  });

  it('waiting for a read, resumes when one receiver reads', async () => {
    const { workflow, messages } = await start({ waitFor: 'read' });
    await inboxOf(app).setRead(userId(approvers[0]), [messageOf(messages, approvers[0])], true);
    const { result } = await ended(workflow);
    expect(result).toMatchObject({ status: 'read', readBy: [userId(approvers[0])], responses: [] });
  });

  it('resolves with status timeout when nobody answers in time', async () => {
    const { workflow } = await start({ waitFor: 'response', timeout: 1 });
    const { execution, result } = await ended(workflow);
    expect(execution.get('status')).toBe(EXECUTION_STATUS.RESOLVED);
    expect(result).toMatchObject({ status: 'timeout', responses: [], readBy: [] });
  });

  it("with waitMode 'all', one answer is not enough; the second resumes it with both", async () => {
    const { workflow, job, messages } = await start({ waitFor: 'response', waitMode: 'all' });
    const checked = jest.spyOn((app.pm.get(PLUGIN_NAME) as PluginInAppMessageServer).waiting!, 'check');
    await inboxOf(app).respond(userId(approvers[0]), messageOf(messages, approvers[0]), 'approve');
    // the answer's check of the job, ended: had it settled the job, it would have by then
    await (await waitUntil(() => checked.mock.results[0], 'the job to be checked after the answer')).value;
    checked.mockRestore();
    expect((await app.db.getRepository('jobs').findOne({ filterByTk: job.get('id') })).get('status')).toBe(JOB_STATUS.PENDING);
    await inboxOf(app).respond(userId(approvers[1]), messageOf(messages, approvers[1]), 'reject');
    const { result } = await ended(workflow);
    expect(result.status).toBe('responded');
    expect(result.responses.map((r: any) => [r.userId, r.action]).sort()).toEqual(
      [
        [userId(approvers[0]), 'approve'],
        [userId(approvers[1]), 'reject'],
      ].sort(),
    );
  });

  it('resumes exactly once when two app nodes settle the same job at the same moment', async () => {
    const { workflow, job, messages } = await start({ waitFor: 'read' });
    const plugin = app.pm.get('workflow') as any;
    const resume = jest.spyOn(plugin, 'resume');
    // the answer lands in the database without this node hearing of it, as when another node handled it
    await app.db.getModel(COLLECTIONS.messages).update({ readAt: new Date() }, { where: { id: messageOf(messages, approvers[0]) } });
    const { log } = app.pm.get(PLUGIN_NAME) as PluginInAppMessageServer;
    const nodes = [new WaitingJobs(plugin, inboxOf(app), log), new WaitingJobs(plugin, inboxOf(app), log)];
    const row = job.get({ plain: true });
    await Promise.all(nodes.map((node) => node.check(row)));
    await ended(workflow);
    expect(resume).toHaveBeenCalledTimes(1);
    resume.mockRestore();
  });

  it('waiting for an answer without any button fails the job and sends nothing', async () => {
    const workflow = await createCollectionWorkflow(app, {
      collection: 'requests',
      nodes: [{ type: INSTRUCTION_TYPE, config: { channelName: 'approvals', receivers: [{ role: 'approver' }], title: 'No buttons', waitFor: 'response' } }],
    });
    await app.db.getRepository('requests').create({ values: { name: 'nb', ownerId: userId(requester) } });
    const [execution] = await waitForExecutions(app, workflow.get('id'));
    expect(execution.get('jobs')[0].get('result')).toMatchObject({ error: 'actions: waiting for a response needs at least one button' });
    expect(await app.db.getModel(COLLECTIONS.messages).count({ where: { title: 'No buttons' } })).toBe(0);
  });

  // an app restart reloads an in-memory SQLite database empty: what a restart does to waiting jobs is done here
  // by hand: beforeStop clears every timer, afterStart reads the waiting jobs back from the database
  it('survives a restart: the timeout is re-armed from the job, and a read after it still resumes', async () => {
    const timed = await start({ waitFor: 'response', timeout: 2 });
    const read = await start({ waitFor: 'read' });
    const { waiting } = app.pm.get(PLUGIN_NAME) as PluginInAppMessageServer;
    waiting!.stop();
    const deadline = Date.parse(timed.job.get('meta')[WAIT_META_KEY].deadline);
    await waitUntil(() => Date.now() > deadline, 'the timeout to pass while no timer runs');
    expect((await app.db.getRepository('jobs').findOne({ filterByTk: timed.job.get('id') })).get('status')).toBe(JOB_STATUS.PENDING);
    await waiting!.start();
    const { result } = await ended(timed.workflow);
    expect(result.status).toBe('timeout');
    await inboxOf(app).setRead(userId(approvers[1]), [messageOf(read.messages, approvers[1])], true);
    expect((await ended(read.workflow)).result).toMatchObject({ status: 'read', readBy: [userId(approvers[1])] });
  });
});
