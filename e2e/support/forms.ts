// NocoBase's Formily forms in drawers (Notification Manager, workflow nodes), found by what the admin reads.
import type { Locator, Page } from 'playwright-core';

/** The open drawer whose form has a Submit button. */
export const formDrawer = (page: Page): Locator =>
  page.getByRole('dialog').filter({ has: page.getByRole('button', { name: 'Submit' }) }).last();

/** The form item labelled `label` (the label reads "*Title:" when required). */
export function formItem(form: Locator, label: string): Locator {
  const text = new RegExp(`^\\*?${label}:?$`);
  return form.locator('.ant-formily-item').filter({ has: form.page().locator('.ant-formily-item-label', { hasText: text }) }).first();
}

/** Opens the item's select and picks the option named `option`. */
export async function choose(item: Locator, option: string): Promise<void> {
  await item.locator('.ant-select').first().click();
  await item.page().getByRole('option', { name: option, exact: true }).click();
}

/** Fills the item's text box: an input, a textarea, or a workflow variable box (contenteditable). */
export async function typeText(item: Locator, text: string): Promise<void> {
  await item.locator('input, textarea, [contenteditable="true"]').first().fill(text);
}
