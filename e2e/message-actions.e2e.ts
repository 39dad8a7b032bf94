// A designer adds our node with Approve/Reject buttons and waiting in the canvas; the receiver clicks Approve in
// the popover; the execution resumes with the answer, as its page shows. And the demo's "Claim this lead".
import { screenshot, signedInPage } from './support/browser';
import { ADMIN, apiAs, CHANNEL, eventually, leadMessageTitle, SALES, uniqueLead } from './support/demo';
import { WORKFLOW_EXECUTION_PATH } from '../src/shared/constants';
import { openNodeForm, workflowWithOurNode } from './support/canvas';
import { formItem, typeText } from './support/forms';
import { messageItem, openInbox } from './support/inbox';
import { appUrl } from './support/paths';
import { useSession } from './support/session';

const RUN = Date.now().toString(36);
const QUESTION = `Approve the discount ${RUN}?`;
/** EXECUTION_STATUS.RESOLVED in plugin-workflow */
const RESOLVED = 1;

describe('buttons that resume a workflow', () => {
  const admin = useSession(ADMIN);

  it('a designer adds Approve/Reject and waiting; the receiver clicks Approve; the execution resumes with it', async () => {
    const { workflow, node } = await workflowWithOurNode(admin.page, admin.api, `Discount approval ${RUN}`);
    const form = await openNodeForm(admin.page, node, CHANNEL.title, SALES[0].nickname);
    await typeText(formItem(form, 'Title'), QUESTION);
    const buttons = formItem(form, 'Buttons');
    for (const [key, title] of [
      ['approve', 'Approve'],
      ['reject', 'Reject'],
    ]) {
      await buttons.getByRole('button', { name: 'Add button' }).click();
      const row = buttons.locator('.ant-formily-array-items-item').last();
      await row.getByPlaceholder('Key').fill(key);
      await row.locator('[contenteditable="true"]').first().fill(title);
    }
    await formItem(form, 'Wait for').getByText('An answer (a button click)', { exact: true }).click();
    // waiting's other settings show once it is on
    await formItem(form, 'Receivers to wait for').waitFor();
    await screenshot(admin.page, 'actions-01-node-form');
    await form.getByRole('button', { name: 'Submit' }).click();
    await form.waitFor({ state: 'hidden' });
    await admin.page.getByRole('switch').click();

    const saved = await eventually(
      () => admin.api.get('workflows:get', { filterByTk: workflow.id, appends: ['nodes'] }),
      (current) => current.enabled,
    );
    expect(saved.nodes[0].config).toMatchObject({
      waitFor: 'response',
      actions: [expect.objectContaining({ key: 'approve', title: 'Approve' }), expect.objectContaining({ key: 'reject', title: 'Reject' })],
    });

    await admin.api.post('leads:create', uniqueLead('Discount'));
    const sam = await signedInPage(admin.browser, SALES[0]);
    const dialog = await openInbox(sam);
    const item = messageItem(dialog, QUESTION);
    await item.waitFor();
    await screenshot(sam, 'actions-02-buttons-in-popover');
    await item.getByRole('button', { name: 'Approve' }).click();
    await item.getByRole('button', { name: 'Approve', pressed: true }).waitFor();
    await screenshot(sam, 'actions-03-approved');

    const [execution] = await eventually(
      () => admin.api.get('executions:list', { filter: { workflowId: workflow.id }, appends: ['jobs'], paginate: false }),
      (list: any[]) => list[0]?.status === RESOLVED,
    );
    expect(execution.status).toBe(RESOLVED);
    expect(execution.jobs[0].result).toMatchObject({ status: 'responded', responses: [expect.objectContaining({ action: 'approve' })] });

    // the execution's page (where a failure alert links): its canvas, the node's job holding that result
    await admin.page.goto(`${appUrl()}${WORKFLOW_EXECUTION_PATH}${execution.id}`);
    await admin.page.getByText(`#${execution.id}`).first().waitFor();
    await screenshot(admin.page, 'actions-04-execution-resumed');
    // the node's job: its result names who answered what
    await admin.page.locator('[aria-label="In-app message-In-app message"]').locator('.ant-tag').last().click();
    const job = admin.page.getByRole('dialog').filter({ hasText: 'Node result' });
    await job.locator('textarea').filter({ hasText: '"approve"' }).waitFor();
    await screenshot(admin.page, 'actions-05-job-result');
    // off again: left on, every lead the later suites create would queue an execution of it ahead of theirs
    await admin.api.post('workflows:update', { enabled: false }, { filterByTk: workflow.id });
  });

  it("the demo's lead message: Sam claims the lead, it is his, and Sofia is told it is claimed", async () => {
    const lead = await admin.api.post('leads:create', uniqueLead('Claim'));
    const sam = await signedInPage(admin.browser, SALES[0]);
    const item = messageItem(await openInbox(sam), leadMessageTitle(lead));
    await item.getByRole('button', { name: 'Claim this lead' }).click();
    await item.getByRole('button', { name: 'Claim this lead', pressed: true }).waitFor();
    await screenshot(sam, 'actions-06-lead-claimed');

    const claimed = await eventually(
      () => admin.api.get('leads:get', { filterByTk: lead.id, appends: ['owner'] }),
      (current: any) => Boolean(current?.owner),
    );
    expect(claimed.owner.email).toBe(SALES[0].account);
    const sofiaApi = await apiAs(SALES[1]);
    const told = await eventually(
      async () => ((await sofiaApi.get('myInboxMessages:list')) as { title: string; content: string }[]),
      (list) => list.some((m) => m.title === `Lead claimed: ${lead.name}`),
    );
    expect(told.find((m) => m.title === `Lead claimed: ${lead.name}`)?.content).toBe(`Claimed by **${SALES[0].nickname}**.`);
  });
});
