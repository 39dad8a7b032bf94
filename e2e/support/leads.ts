import type { Page } from 'playwright-core';
import { lostExecutions } from './app-logs';
import { Api, eventually, Lead, LEADS_MENU, uniqueLead } from './demo';

/** How long a lead's workflow is given to deliver its message, unless the caller says otherwise. */
const DELIVERY_MS = 30000;

/** The lead whose message came, and how many leads were made for it (2 when the first one's execution was dropped). */
export interface ArrivedLead {
  lead: Lead;
  made: number;
}

/**
 * Creates a lead (`uniqueLead(label)`) through the API and waits until `arrived` holds for it. If its message did not
 * come and the workflow engine dropped an execution meanwhile (see `lostExecutions`), one more lead is made, once,
 * as the admin would enter it again.
 */
export async function leadThatArrives(
  admin: Api,
  label: string,
  arrived: (lead: Lead) => Promise<boolean>,
  timeoutMs = DELIVERY_MS,
): Promise<ArrivedLead> {
  const lostBefore = lostExecutions();
  const attempt = async (lead: Lead) => {
    await admin.post('leads:create', lead);
    await eventually(() => arrived(lead), Boolean, timeoutMs);
    return lead;
  };
  return attempt(uniqueLead(label)).then(
    (lead) => ({ lead, made: 1 }),
    async (error: Error) => {
      if (lostExecutions() === lostBefore) throw error;
      console.warn(`the workflow engine dropped an execution (SQLITE_BUSY while entering it): one more lead`);
      return { lead: await attempt(uniqueLead(`${label} again`)), made: 2 };
    },
  );
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
