import type { Page } from 'playwright-core';
import { Lead, LEADS_MENU } from './demo';

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
