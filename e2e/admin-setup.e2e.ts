// What an admin and a workflow designer do in NocoBase's own screens: add a channel of our type in
// Notification Manager, add our node to a workflow in the canvas, and the saved node sends.
import { CHANNEL_TYPE, INSTRUCTION_TYPE } from '../src/shared/constants';
import { screenshot } from './support/browser';
import { ADMIN, apiAs, eventually, SALES } from './support/demo';
import { leadThatArrives } from './support/leads';
import { openNodeForm, workflowWithOurNode } from './support/canvas';
import { formDrawer, formItem, typeText } from './support/forms';
import { appUrl } from './support/paths';
import { useSession } from './support/session';

/** Unique per run, so the suite also runs against an app that already has one (INBOX_E2E_URL). */
const RUN = Date.now().toString(36);
const DESK = { name: `support_${RUN}`, title: `Support desk ${RUN}` };
/** What the admin reads: our channel type in "Add new" (src/client/channel). */
const CHANNEL_TYPE_LABEL = 'In-app inbox';
const NODE_TITLE = 'Tell the support desk';

describe('an admin sets the inbox up in NocoBase screens', () => {
  const admin = useSession(ADMIN);

  it('adds a channel of our type in Notification Manager', async () => {
    await admin.page.goto(`${appUrl()}/admin/settings/notification-manager/channels`);
    await admin.page.getByRole('button', { name: /Add new/ }).click();
    await admin.page.locator('.ant-dropdown-menu').getByRole('menuitem', { name: CHANNEL_TYPE_LABEL }).click();
    const form = formDrawer(admin.page);
    await typeText(formItem(form, 'Channel name'), DESK.name);
    await typeText(formItem(form, 'Channel display name'), DESK.title);
    await screenshot(admin.page, 'setup-01-new-channel-form');
    await form.getByRole('button', { name: 'Submit' }).click();
    await form.waitFor({ state: 'hidden' });
    await admin.page.getByRole('cell', { name: DESK.title, exact: true }).waitFor();
    await screenshot(admin.page, 'setup-02-channel-listed');

    const channel = await admin.api.get('notificationChannels:get', { filterByTk: DESK.name });
    expect(channel).toMatchObject({ title: DESK.title, notificationType: CHANNEL_TYPE });
  });

  it('adds our node in the workflow canvas, and the saved config sends', async () => {
    const { workflow, node } = await workflowWithOurNode(admin.page, admin.api, 'Designed in the canvas');
    await screenshot(admin.page, 'setup-03-node-added');

    const form = await openNodeForm(admin.page, node, DESK.title, SALES[0].nickname);
    await typeText(formItem(form, 'Title'), NODE_TITLE);
    await typeText(formItem(form, 'Content'), 'Someone asked the **support desk**.');
    await screenshot(admin.page, 'setup-04-node-form');
    await form.getByRole('button', { name: 'Submit' }).click();
    await form.waitFor({ state: 'hidden' });

    await admin.page.getByRole('switch').click(); // On
    await screenshot(admin.page, 'setup-05-workflow-on');
    const saved = await eventually(
      () => admin.api.get('workflows:get', { filterByTk: workflow.id, appends: ['nodes'] }),
      (current) => current.enabled,
    );
    expect(saved.enabled).toBe(true);
    expect(saved.nodes).toHaveLength(1);
    expect(saved.nodes[0]).toMatchObject({ type: INSTRUCTION_TYPE, config: expect.objectContaining({ channelName: DESK.name, title: NODE_TITLE }) });

    const salesApi = await apiAs(SALES[0]);
    const titles = async () => ((await salesApi.get('myInboxMessages:list', { channelName: DESK.name })) as { title: string }[]).map((m) => m.title);
    await leadThatArrives(admin.api, 'Canvas', async () => (await titles()).includes(NODE_TITLE));
    expect(await titles()).toContain(NODE_TITLE);
  });
});
