import { EXECUTION_STATUS } from '@nocobase/plugin-workflow';
import { MockServer } from '@nocobase/test';
import { COLLECTIONS, INSTRUCTION_TYPE, RESOURCES, WORKFLOW_ALERT_OPTION } from '../shared/constants';
import {
  NodeSpec,
  createChannel,
  createCollectionWorkflow,
  createInboxApp,
  defineLeads,
  createUsers,
  EXPLODING_NODE,
  registerExplodingNode,
  executionAlertsOf,
  loginAs,
  userId,
  waitForExecutions,
  waitUntil,
} from './test-utils';

const EXPLODE = EXPLODING_NODE;

describe('failure alerts to the supervisors of a workflow', () => {
  let app: MockServer;
  let admin: any;
  let supervisors: any[];
  let outsider: any;
  let agent: any;

  const alertsOf = (user: any, execution: any) => executionAlertsOf(app, user, execution);
  const setAlert = (workflowId: unknown, values: Record<string, unknown>) =>
    agent.resource(RESOURCES.workflowAlerts).set({ filterByTk: workflowId, values });
  const supervisedWorkflow = async (title: string, nodes: NodeSpec[], sync = false) => {
    const workflow = await createCollectionWorkflow(app, { collection: 'leads', title, nodes, sync });
    expect((await setAlert(workflow.get('id'), { roleName: 'supervisors', channelName: 'ops' })).status).toBe(200);
    return workflow;
  };
  const runOnce = async (workflow: any) => {
    await app.db.getRepository('leads').create({ values: { name: 'Ann' } });
    const [execution] = await waitForExecutions(app, workflow.get('id'));
    return execution;
  };
  // the alert is sent by the hook on the execution's final update, just after the status is readable
  const alertsArrived = (execution: any) =>
    waitUntil(async () => (await alertsOf(supervisors[0], execution)).length > 0, 'the alert');

  beforeAll(async () => {
    app = await createInboxApp();
    await defineLeads(app);
    registerExplodingNode(app, 'boom: service unreachable');
    await app.db.getRepository('roles').create({ values: { name: 'supervisors', title: 'Supervisors' } });
    supervisors = await createUsers(app, 2, ['member', 'supervisors']);
    [outsider] = await createUsers(app, 1);
    [admin] = await createUsers(app, 1, ['admin']);
    agent = await loginAs(app, admin, 'admin');
    await createChannel(app, 'ops', 'Operations');
    await createChannel(app, 'mail', 'Mail', 'email');
  });
  afterAll(async () => app?.destroy());
  afterEach(async () => {
    await app.db.getRepository('workflows').update({ filter: { enabled: true }, values: { enabled: false } });
  });

  it('an admin sets and clears the alert of a workflow, other options kept; bad values are a 4xx naming the field', async () => {
    const workflow = await createCollectionWorkflow(app, { collection: 'leads', nodes: [], options: { stackLimit: 2 } });
    const id = workflow.get('id');
    const errorOf = async (res: any) => [res.status, res.body.errors?.[0]?.field];
    expect(await errorOf(await setAlert(id, { roleName: 'ghosts', channelName: 'ops' }))).toEqual([400, 'roleName']);
    expect(await errorOf(await setAlert(id, { roleName: 'supervisors', channelName: 'mail' }))).toEqual([400, 'channelName']);
    expect(await errorOf(await setAlert(id, { roleName: 'supervisors' }))).toEqual([400, 'channelName']);
    expect(await errorOf(await setAlert('123456789', { roleName: 'supervisors', channelName: 'ops' }))).toEqual([404, 'filterByTk']);
    expect(await errorOf(await setAlert('abc', {}))).toEqual([400, 'filterByTk']);

    expect((await setAlert(id, { roleName: 'supervisors', channelName: 'ops' })).status).toBe(200);
    const got = await agent.resource(RESOURCES.workflowAlerts).get({ filterByTk: id });
    expect(got.body.data).toEqual({ roleName: 'supervisors', channelName: 'ops', alsoChannelName: null });
    const stored = await app.db.getRepository('workflows').findOne({ filterByTk: id });
    expect(stored.get('options')).toMatchObject({ stackLimit: 2, [WORKFLOW_ALERT_OPTION]: { roleName: 'supervisors', channelName: 'ops' } });

    expect((await setAlert(id, { roleName: null, channelName: null })).status).toBe(200);
    const cleared = await app.db.getRepository('workflows').findOne({ filterByTk: id });
    expect(cleared.get('options')).toEqual({ stackLimit: 2 });
  });

  it.each([
    ['a node throws (asynchronous)', [{ type: EXPLODE, title: 'Call CRM' }], false, EXECUTION_STATUS.ERROR, 'Node “Call CRM”: boom: service unreachable'],
    ['a node throws (synchronous)', [{ type: EXPLODE, title: 'Call CRM' }], true, EXECUTION_STATUS.ERROR, 'Node “Call CRM”: boom: service unreachable'],
    [
      'a node fails',
      [{ type: INSTRUCTION_TYPE, title: 'Tell sales', config: { channelName: 'ops', receivers: [{ role: 'supervisors' }], title: '{{$context.nope.name}}' } }],
      false,
      EXECUTION_STATUS.FAILED,
      'Node “Tell sales”: title: unknown variable {{$context.nope.name}}',
    ],
  ])('when %s, every supervisor gets one error message linking to the execution', async (_case, nodes, sync, status, reason) => {
    const workflow = await supervisedWorkflow(`Lead intake ${_case}`, nodes as NodeSpec[], sync as boolean);
    const execution = await runOnce(workflow);
    expect(execution.get('status')).toBe(status);
    await alertsArrived(execution);
    for (const user of supervisors) {
      const alerts = await alertsOf(user, execution);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        channelName: 'ops',
        title: `Lead intake ${_case}`,
      });
      expect(alerts[0].content).toContain(`Execution #${execution.get('id')}`);
      expect(alerts[0].content).toContain(reason);
    }
    expect(await alertsOf(outsider, execution)).toHaveLength(0);
  });

  it('alerts once per execution, however often it is saved as failed', async () => {
    const workflow = await supervisedWorkflow('Lead intake', [{ type: EXPLODE }]);
    const execution = await runOnce(workflow);
    await alertsArrived(execution);
    const Executions = app.db.getModel('executions');
    for (const status of [EXECUTION_STATUS.ERROR, EXECUTION_STATUS.FAILED]) {
      await Executions.update({ status }, { where: { id: execution.get('id') }, individualHooks: true });
    }
    for (const user of supervisors) expect(await alertsOf(user, execution)).toHaveLength(1);
    expect(await app.db.getModel(COLLECTIONS.executionAlerts).count({ where: { executionId: String(execution.get('id')) } })).toBe(1);
  });

  it('a successful run alerts nobody', async () => {
    const notify = { channelName: 'ops', receivers: [userId(outsider)], title: 'New lead {{$context.data.name}}' };
    // synchronous: the execution, and its final hook, are done when the lead's creation returns
    const workflow = await supervisedWorkflow('Lead intake', [{ type: INSTRUCTION_TYPE, config: notify }], true);
    const execution = await runOnce(workflow);
    expect(execution.get('status')).toBe(EXECUTION_STATUS.RESOLVED);
    for (const user of supervisors) expect(await alertsOf(user, execution)).toHaveLength(0);
  });

  it('a failing workflow without the setting alerts nobody', async () => {
    const workflow = await createCollectionWorkflow(app, { collection: 'leads', sync: true, nodes: [{ type: EXPLODE }] });
    const execution = await runOnce(workflow);
    expect(execution.get('status')).toBe(EXECUTION_STATUS.ERROR);
    for (const user of supervisors) expect(await alertsOf(user, execution)).toHaveLength(0);
  });
});

describe('who may set a failure alert', () => {
  let app: MockServer;

  beforeAll(async () => {
    app = await createInboxApp({ acl: true });
  });
  afterAll(async () => app?.destroy());

  it('a member is refused, an admin may read and set it', async () => {
    const [member] = await createUsers(app, 1);
    const [admin] = await createUsers(app, 1, ['admin', 'member']);
    await createChannel(app, 'ops', 'Operations');
    const workflow = await createCollectionWorkflow(app, { collection: 'users', nodes: [] });
    const values = { roleName: 'admin', channelName: 'ops' };
    const asMember = (await loginAs(app, member)).resource(RESOURCES.workflowAlerts);
    expect((await asMember.set({ filterByTk: workflow.get('id'), values })).status).toBe(403);
    expect((await asMember.get({ filterByTk: workflow.get('id') })).status).toBe(403);
    const asAdmin = (await loginAs(app, admin, 'admin')).resource(RESOURCES.workflowAlerts);
    expect((await asAdmin.set({ filterByTk: workflow.get('id'), values })).status).toBe(200);
    expect((await asAdmin.get({ filterByTk: workflow.get('id') })).body.data).toEqual({ ...values, alsoChannelName: null });
  });
});
