import { EXECUTION_STATUS } from '@nocobase/plugin-workflow';
import { BaseNotificationChannel } from '@nocobase/plugin-notification-manager';
import { MockServer } from '@nocobase/test';
import { RESOURCES } from '../shared/constants';
import {
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
/** A second channel type that keeps what it is asked to send, as an email channel would send it. */
const CAPTURE = 'test-capture';
const captured: any[] = [];
class CaptureChannel extends BaseNotificationChannel {
  async send(args: any) {
    captured.push({ receivers: args.receivers, message: args.message });
    return { status: 'success' as const, message: args.message };
  }
}

describe('failure alerts: aborted executions, the default alert, each supervisor’s language', () => {
  let app: MockServer;
  let english: any;
  let french: any;
  let chinese: any;
  let agent: any;

  const alertsOf = (user: any, execution: any) => executionAlertsOf(app, user, execution);
  const alertOf = (user: any, execution: any) =>
    waitUntil(async () => (await alertsOf(user, execution))[0], `the alert of user ${userId(user)}`);
  const setAlert = (filterByTk: unknown, values: Record<string, unknown>) =>
    agent.resource(RESOURCES.workflowAlerts).set({ filterByTk, values });
  const failingRun = async (title: string) => {
    const workflow = await createCollectionWorkflow(app, { collection: 'leads', title, nodes: [{ type: EXPLODE, title: 'Call CRM' }] });
    await app.db.getRepository('leads').create({ values: { name: 'Ann' } });
    const [execution] = await waitForExecutions(app, workflow.get('id'));
    return { workflow, execution };
  };

  beforeAll(async () => {
    app = await createInboxApp();
    await defineLeads(app);
    registerExplodingNode(app, 'boom');
    (app.pm.get('notification-manager') as any).registerChannelType({ type: CAPTURE, Channel: CaptureChannel });
    await createChannel(app, 'mailbox', 'Mailbox', CAPTURE);
    await app.db.getRepository('roles').create({ values: { name: 'supervisors', title: 'Supervisors' } });
    [english, french, chinese] = await createUsers(app, 3, ['member', 'supervisors']);
    await app.db.getRepository('users').update({ filterByTk: userId(french), values: { appLang: 'fr-FR' } });
    await app.db.getRepository('users').update({ filterByTk: userId(chinese), values: { appLang: 'zh-CN' } });
    const [admin] = await createUsers(app, 1, ['admin']);
    agent = await loginAs(app, admin, 'admin');
    await createChannel(app, 'ops', 'Operations');
  });
  afterAll(async () => app?.destroy());
  afterEach(async () => {
    await app.db.getRepository('workflows').update({ filter: { enabled: true }, values: { enabled: false } });
  });

  it('a workflow without its own alert uses the default one; each supervisor reads it in their language', async () => {
    expect((await agent.resource(RESOURCES.workflowAlerts).get({ filterByTk: 'default' })).body.data).toEqual({
      roleName: null,
      channelName: null,
      alsoChannelName: null,
    });
    expect((await setAlert('default', { roleName: 'ghosts', channelName: 'ops' })).status).toBe(400);
    expect((await setAlert('default', { roleName: 'supervisors', channelName: 'ops' })).status).toBe(200);
    expect((await agent.resource(RESOURCES.workflowAlerts).get({ filterByTk: 'default' })).body.data).toEqual({
      roleName: 'supervisors',
      channelName: 'ops',
      alsoChannelName: null,
    });

    const { execution } = await failingRun('Lead intake');
    const id = execution.get('id');
    expect((await alertOf(english, execution)).content).toBe(`Execution #${id} ended with an error.\n\nNode “Call CRM”: boom`);
    expect((await alertOf(french, execution)).content).toBe(`L’exécution #${id} s’est terminée par une erreur.\n\nNœud « Call CRM » : boom`);
    expect((await alertOf(chinese, execution)).content).toBe(`执行 #${id} 出错结束。\n\n节点“Call CRM”：boom`);
    expect((await alertOf(french, execution)).title).toBe('Lead intake');

    expect((await setAlert('default', { roleName: null, channelName: null })).status).toBe(200);
    const { execution: unwatched } = await failingRun('Quiet');
    // the engine idle again: the execution's transaction committed and its after-commit alert hook ran
    await waitUntil(() => (app.pm.get('workflow') as any).dispatcher.idle, 'the workflow engine to be idle');
    expect(await alertsOf(english, unwatched)).toHaveLength(0);
  });

  it.each([
    ['aborted', null, 'was aborted'],
    ['timed out', 'timeout', 'timed out'],
  ])('an execution %s alerts the supervisors too', async (_case, reason, text) => {
    const workflow = await createCollectionWorkflow(app, { collection: 'leads', title: `Slow ${_case}`, nodes: [] });
    expect((await setAlert(workflow.get('id'), { roleName: 'supervisors', channelName: 'ops' })).status).toBe(200);
    const execution = await app.db.getRepository('executions').create({
      values: { workflowId: workflow.get('id'), key: workflow.get('key'), status: EXECUTION_STATUS.STARTED, context: {} },
    });
    // how the engine ends an execution: one update of its status (and reason), hooks on
    await app.db.getModel('executions').update(
      { status: EXECUTION_STATUS.ABORTED, reason },
      { where: { id: execution.get('id') }, individualHooks: true },
    );
    expect((await alertOf(english, execution)).content).toBe(`Execution #${execution.get('id')} ${text}.`);
  });

  it('also sends through a second channel (an email, say) to the same supervisors, in their language', async () => {
    const workflow = await createCollectionWorkflow(app, { collection: 'leads', title: 'Twice told', nodes: [{ type: EXPLODE, title: 'Call CRM' }] });
    const twice = { roleName: 'supervisors', channelName: 'ops', alsoChannelName: 'mailbox' };
    expect((await setAlert(workflow.get('id'), { ...twice, alsoChannelName: 'ops' })).body.errors[0].field).toBe('alsoChannelName');
    expect((await setAlert(workflow.get('id'), { ...twice, alsoChannelName: 'nowhere' })).body.errors[0].field).toBe('alsoChannelName');
    expect((await setAlert(workflow.get('id'), twice)).body.data).toEqual(twice);
    captured.length = 0;
    await app.db.getRepository('leads').create({ values: { name: 'Bob' } });
    const [execution] = await waitForExecutions(app, workflow.get('id'));
    await alertOf(english, execution);
    await waitUntil(async () => captured.length === 3, 'three letters, one per language');
    const inFrench = captured.find((letter) => letter.message.text.startsWith('L’exécution'));
    expect(inFrench).toMatchObject({ receivers: { type: 'userId', value: [userId(french)] }, message: { subject: 'Twice told', title: 'Twice told' } });
  });

  it('a canceled execution alerts nobody', async () => {
    const workflow = await createCollectionWorkflow(app, { collection: 'leads', title: 'Canceled', nodes: [] });
    expect((await setAlert(workflow.get('id'), { roleName: 'supervisors', channelName: 'ops' })).status).toBe(200);
    const execution = await app.db.getRepository('executions').create({
      values: { workflowId: workflow.get('id'), key: workflow.get('key'), status: EXECUTION_STATUS.STARTED, context: {} },
    });
    // outside a transaction the alert hook runs inside this update: when it returns, an alert would be written
    await app.db.getModel('executions').update({ status: EXECUTION_STATUS.CANCELED }, { where: { id: execution.get('id') }, individualHooks: true });
    expect(await alertsOf(english, execution)).toHaveLength(0);
  });
});
