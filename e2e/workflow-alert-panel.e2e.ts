// A designer sets a workflow's failure alert on the workflow's own canvas (classic client): the server keeps it, the
// modern canvas (/v/) shows it too, and an execution that fails alerts the chosen role on the chosen channel.
import type { Page } from 'playwright-core';
import { INSTRUCTION_TYPE } from '../src/shared/constants';
import { workflowLogTail } from './support/app-logs';
import { screenshot } from './support/browser';
import { ADMIN, apiAs, CHANNEL, SALES } from './support/demo';
import { leadThatArrives } from './support/leads';
import { appUrl } from './support/paths';
import { useSession } from './support/session';

const RUN = Date.now().toString(36);
const WORKFLOW_TITLE = `Lead intake ${RUN}`;
/** The demo's sales role, as the role select shows it. */
const SALES_ROLE = { name: 'sales', title: 'Sales' };
/** A canvas's first render on this loaded machine can take longer than a locator's default 20 s. */
const CANVAS_TIMEOUT_MS = 90000;
/**
 * The engine runs executions one at a time from its queue, so on a loaded machine ours may wait behind others. (One it
 * dropped on SQLite's lock is handed back by the plugin within seconds.)
 */
const EXECUTION_TIMEOUT_MS = 150000;
/** Longer than this, and the test says (passing) what the app logged about the workflow meanwhile. */
const SLOW_EXECUTION_MS = 60000;

/** Opens the select labelled `label` in the dialog and picks the option shown as `option`. */
async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('dialog').getByRole('combobox', { name: label, exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

describe("a workflow's failure alert, set on the workflow's own canvas", () => {
  const admin = useSession(ADMIN);
  let workflow: { id: number; key: string };

  beforeAll(async () => {
    // a workflow on new leads whose only node fails: our node with a title naming an unknown variable
    workflow = await admin.api.post('workflows:create', {
      title: WORKFLOW_TITLE,
      type: 'collection',
      sync: false,
      enabled: false,
      config: { collection: 'leads', mode: 1, changed: [], condition: { $and: [] }, appends: [] },
    });
    await admin.api.post(`workflows/${workflow.id}/nodes:create`, {
      type: INSTRUCTION_TYPE,
      title: 'Tell sales',
      config: { channelName: CHANNEL.name, receivers: [], title: '{{$context.nope.name}}', level: 'info', actions: [] },
    });
  });

  afterAll(async () => {
    if (workflow) await admin.api.post('workflows:destroy', undefined, { filterByTk: workflow.id });
  });

  it('sets the role and channel in the canvas, the server keeps them, and a failed execution alerts that role', async () => {
    const { page } = admin;
    await page.goto(`${appUrl()}/admin/settings/workflow/workflows/${workflow.id}`);
    await page.getByText('Tell sales').first().waitFor({ timeout: CANVAS_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Failure alert' }).click();
    const dialog = page.getByRole('dialog', { name: 'Failure alert' });
    await dialog.getByText('Off', { exact: true }).waitFor();
    await pick(page, `Supervisor role of ${WORKFLOW_TITLE}`, SALES_ROLE.title);
    await pick(page, `Alert channel of ${WORKFLOW_TITLE}`, CHANNEL.title);
    await screenshot(page, 'workflow-alert-01-canvas-dialog');
    await dialog.getByRole('button', { name: `Save the alert of ${WORKFLOW_TITLE}` }).click();
    await page.getByText(`Failure alert of ${WORKFLOW_TITLE} saved`).waitFor();
    await dialog.getByText('On', { exact: true }).waitFor();
    await screenshot(page, 'workflow-alert-02-saved');

    expect(await admin.api.get('inboxWorkflowAlerts:get', { filterByTk: workflow.id })).toEqual({
      roleName: SALES_ROLE.name,
      channelName: CHANNEL.name,
      alsoChannelName: null,
    });

    // the modern client's canvas (/v/), a page of its own, reads the same alert back from the server
    await page.goto(`${appUrl()}/v/admin/settings/workflow/workflows/${workflow.id}`);
    await page.getByText('Tell sales').first().waitFor({ timeout: CANVAS_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Failure alert' }).click();
    const modern = page.getByRole('dialog', { name: 'Failure alert' });
    await modern.getByText('On', { exact: true }).waitFor();
    await modern.getByTitle(SALES_ROLE.title).waitFor();
    await screenshot(page, 'workflow-alert-03-modern-canvas');

    await admin.api.post('workflows:update', { enabled: true }, { filterByTk: workflow.id });
    const sales = await apiAs(SALES[0]);
    const waitStarted = Date.now();
    const alertsOf = async () =>
      ((await sales.get('myInboxMessages:list', { channelName: CHANNEL.name })) as { title: string; level: string }[]).filter(
        (message) => message.title === WORKFLOW_TITLE,
      );
    // say how far the execution got: never started (the queue), still running, or ended without an alert
    const explained = async (error: Error) => {
      const executions: { id: number; status: number }[] = await admin.api.get('executions:list', { filter: { workflowId: workflow.id } });
      const statuses = executions.map(({ id, status }) => ({ id, status }));
      return new Error(`${error.message}; executions of the workflow: ${JSON.stringify(statuses)}; logged:\n${workflowLogTail(workflow.id)}`);
    };
    await leadThatArrives(admin.api, 'Alerted', async () => (await alertsOf()).length > 0, EXECUTION_TIMEOUT_MS).catch(
      async (error: Error) => {
        throw await explained(error);
      },
    );
    const alerts = await alertsOf();
    const waited = Date.now() - waitStarted;
    if (waited > SLOW_EXECUTION_MS) console.warn(`the alert came after ${waited} ms; logged:\n${workflowLogTail(workflow.id)}`);
    expect(alerts).toHaveLength(1); // one alert per failed execution
    alerts.forEach((alert) => expect(alert).toEqual(expect.objectContaining({ title: WORKFLOW_TITLE, level: 'error' })));
    await admin.api.post('workflows:update', { enabled: false }, { filterByTk: workflow.id });
  }, 2 * CANVAS_TIMEOUT_MS + 2 * EXECUTION_TIMEOUT_MS + 60000);
});
