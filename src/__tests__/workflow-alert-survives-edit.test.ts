import { MockServer } from '@nocobase/test';
import { RESOURCES } from '../shared/constants';
import { createChannel, createCollectionWorkflow, createInboxApp, createUsers, defineLeads, loginAs } from './test-utils';

// plugin-workflow's edit drawer saves a workflow with `options` holding only the fields it shows
const EDIT_DRAWER_OPTIONS = { timeout: 0, stackLimit: 1, deleteExecutionOnStatus: [] };

describe("a workflow's failure alert when the workflow is edited in plugin-workflow's own form", () => {
  let app: MockServer;
  let agent: any;

  beforeAll(async () => {
    app = await createInboxApp();
    await defineLeads(app);
    await app.db.getRepository('roles').create({ values: { name: 'supervisors', title: 'Supervisors' } });
    const [admin] = await createUsers(app, 1, ['admin']);
    agent = await loginAs(app, admin, 'admin');
    await createChannel(app, 'ops', 'Operations');
  });
  afterAll(async () => app?.destroy());

  const alertOf = async (workflowId: unknown) =>
    (await agent.resource(RESOURCES.workflowAlerts).get({ filterByTk: workflowId })).body.data;

  it('keeps the alert when the form saves options without it', async () => {
    const workflow = await createCollectionWorkflow(app, { collection: 'leads', title: 'Leads', nodes: [] });
    const id = workflow.get('id');
    await agent.resource(RESOURCES.workflowAlerts).set({ filterByTk: id, values: { roleName: 'supervisors', channelName: 'ops' } });

    const saved = await agent.resource('workflows').update({ filterByTk: id, values: { title: 'Leads (renamed)', options: EDIT_DRAWER_OPTIONS } });
    expect(saved.status).toBe(200);

    expect(await alertOf(id)).toMatchObject({ roleName: 'supervisors', channelName: 'ops' });
    const stored = await app.db.getRepository('workflows').findOne({ filterByTk: id });
    expect(stored.get('title')).toBe('Leads (renamed)');
    expect(stored.get('options')).toMatchObject({ stackLimit: 1 });
  });

  it('still lets our own action switch the alert off', async () => {
    const workflow = await createCollectionWorkflow(app, { collection: 'leads', title: 'Leads 2', nodes: [] });
    const id = workflow.get('id');
    const alerts = agent.resource(RESOURCES.workflowAlerts);
    await alerts.set({ filterByTk: id, values: { roleName: 'supervisors', channelName: 'ops' } });
    await alerts.set({ filterByTk: id, values: { roleName: null, channelName: null } });
    await agent.resource('workflows').update({ filterByTk: id, values: { title: 'Leads 2b', options: EDIT_DRAWER_OPTIONS } });
    expect(await alertOf(id)).toMatchObject({ roleName: null, channelName: null });
  });
});
