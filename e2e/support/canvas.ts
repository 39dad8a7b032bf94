// The workflow canvas as a designer meets it: a new workflow on leads, our node added, its form open.
import type { Locator, Page } from 'playwright-core';
import { INSTRUCTION_TYPE } from '../../src/shared/constants';
import type { Api } from './demo';
import { choose, formDrawer, formItem } from './forms';
import { appUrl } from './paths';

/** Our node's title in the canvas (src/client/workflow). */
const NODE_LABEL = 'In-app message';

/** Workflows this test file designed: switched off when it ends, so later files' leads reach only the demo's. */
const designed: number[] = [];

export async function switchOffDesignedWorkflows(api: Api): Promise<void> {
  for (const id of designed.splice(0)) await api.post('workflows:update', { enabled: false }, { filterByTk: id });
}

/** Creates a disabled workflow run on a new lead, adds our node in its canvas; answers the workflow and the node. */
export async function workflowWithOurNode(page: Page, api: Api, title: string): Promise<{ workflow: any; node: Locator }> {
  const workflow = await api.post('workflows:create', {
    title,
    type: 'collection',
    sync: false,
    enabled: false,
    config: { collection: 'leads', mode: 1, changed: [], condition: { $and: [] }, appends: [] },
  });
  designed.push(workflow.id);
  await page.goto(`${appUrl()}/admin/settings/workflow/workflows/${workflow.id}`);
  await page.getByRole('button', { name: 'add-button' }).first().click();
  await page.getByRole('dialog').filter({ hasText: 'Add node' }).getByRole('button', { name: INSTRUCTION_TYPE }).click();
  const node = page.locator(`[aria-label="${NODE_LABEL}-${NODE_LABEL}"]`);
  await node.waitFor();
  return { workflow, node };
}

/** Opens the node's form and picks its channel and one user as receiver. */
export async function openNodeForm(page: Page, node: Locator, channelTitle: string, receiver: string): Promise<Locator> {
  await node.click({ position: { x: 150, y: 20 } }); // the card's header: its middle is the title input
  const form = formDrawer(page);
  await choose(formItem(form, 'Channel'), channelTitle);
  const receivers = formItem(form, 'Receivers');
  await receivers.getByRole('button', { name: 'Add' }).hover();
  await page.getByText('Select users', { exact: true }).click();
  await choose(receivers, receiver);
  return form;
}
