import type { Page } from 'playwright-core';
import { Api, eventually, Lead, LEADS_MENU, uniqueLead } from './demo';

/** How long a lead's workflow is given to deliver its message, unless the caller says otherwise. */
const DELIVERY_MS = 30000;

/**
 * Creates a lead (`uniqueLead(label)`) through the API and waits until `arrived` holds for it. On SQLite the workflow
 * engine may drop the lead's execution when another write holds the lock; the plugin hands it back within seconds,
 * well inside the wait.
 */
export async function leadThatArrives(
  admin: Api,
  label: string,
  arrived: (lead: Lead) => Promise<boolean>,
  timeoutMs = DELIVERY_MS,
): Promise<Lead> {
  const lead = uniqueLead(label);
  await admin.post('leads:create', lead);
  await eventually(() => arrived(lead), Boolean, timeoutMs);
  return lead;
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
