import type { Page } from 'playwright-core';
import { lostExecutions } from './app-logs';
import { Api, eventually, Lead, LEADS_MENU, uniqueLead } from './demo';

/** How long a lead's workflow is given to deliver its message. */
const DELIVERY_MS = 30000;

/**
 * Creates a lead (`uniqueLead(label)`) through the API and waits until `arrived` holds for it. If its message did not
 * come and the workflow engine dropped an execution meanwhile (see `lostExecutions`), one more lead is made, once,
 * as the admin would enter it again. Answers the lead whose message came.
 */
export async function leadThatArrives(admin: Api, label: string, arrived: (lead: Lead) => Promise<boolean>): Promise<Lead> {
  const lostBefore = lostExecutions();
  const attempt = async (lead: Lead) => {
    await admin.post('leads:create', lead);
    await eventually(() => arrived(lead), Boolean, DELIVERY_MS);
    return lead;
  };
  return attempt(uniqueLead(label)).catch((error: Error) => {
    if (lostExecutions() === lostBefore) throw error;
    console.warn(`the workflow engine dropped an execution (SQLITE_BUSY while entering it): one more lead`);
    return attempt(uniqueLead(`${label} again`));
  });
}

/** As the admin would: Leads in the menu, "Add new", fill the form, Submit. */
export async function createLeadInUi(page: Page, lead: Lead): Promise<void> {
  await page.getByRole('menuitem', { name: LEADS_MENU }).first().click();
  await page.getByRole('button', { name: /Add new/ }).click();
  const form = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: 'Submit' }) });
  await form.getByLabel('Name').fill(lead.name);
  await form.getByLabel('Company').fill(lead.company);
  await form.getByLabel('Email').fill(lead.email);
  await form.getByRole('button', { name: 'Submit' }).click();
  await form.waitFor({ state: 'hidden' });
}
