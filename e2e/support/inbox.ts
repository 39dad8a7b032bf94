// The bell and popover as a user meets them, found by their accessible names (src/client/components).
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { RESOURCES } from '../../src/shared/constants';

const BELL_NAME = /^Messages(, \d+ unread)?$/;

/** Pure: the bell's accessible name for `unread` unread messages. */
export const bellLabel = (unread: number) => (unread ? `Messages, ${unread} unread` : 'Messages');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const bell = (page: Page) => page.getByRole('button', { name: BELL_NAME });

/** Waits until the badge shows `unread` (no reload: the page updates itself). */
export async function waitForUnread(page: Page, unread: number): Promise<void> {
  await page.getByRole('button', { name: bellLabel(unread), exact: true }).waitFor();
}

/**
 * Resolves once a page of `context` has its live stream open (the response's headers came), so that a message sent
 * after it arrives as news, with a toast. Before that, the page learns of it from its counts only. Call it before the
 * page opens.
 */
export function streamOpened(context: BrowserContext): Promise<unknown> {
  return context.waitForEvent('response', { predicate: isStream, timeout: 30_000 });
}

const isStream = (request: { url(): string }) => request.url().includes(`/${RESOURCES.myMessages}:stream`);

/**
 * Resolves once no stream request of `context` has started or failed for `quietMs`. A page on a phone may open its
 * stream, drop it while its layout settles, and open a fresh one: a message sent between the two comes to the
 * badge through the new stream's counts, but as no event, so with no toast.
 */
export async function streamSettled(context: BrowserContext, quietMs = 1000): Promise<void> {
  let last = Date.now();
  const touched = (request: { url(): string }) => {
    if (isStream(request)) last = Date.now();
  };
  context.on('request', touched);
  context.on('requestfailed', touched);
  try {
    while (Date.now() - last < quietMs) await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    context.off('request', touched);
    context.off('requestfailed', touched);
  }
}

export const inboxDialog = (page: Page) => page.getByRole('dialog', { name: 'Messages' });

export async function openInbox(page: Page): Promise<Locator> {
  const dialog = inboxDialog(page);
  if (!(await dialog.isVisible())) await bell(page).click();
  await dialog.waitFor();
  return dialog;
}

/** Closes the popover the way it opened: the bell toggles it. */
export async function closeInbox(page: Page): Promise<void> {
  if (await inboxDialog(page).isVisible()) await bell(page).click();
  await inboxDialog(page).waitFor({ state: 'hidden' });
}

/** A message in the list, by its title; `unread` narrows to its unread or read state. */
export function messageItem(scope: Locator, title: string, unread?: boolean): Locator {
  const suffix = unread === undefined ? '( \\(Unread\\))?' : unread ? ' \\(Unread\\)' : '';
  return scope.getByRole('listitem', { name: new RegExp(`^${escapeRegExp(title)}${suffix}$`) });
}

export async function chooseFilter(dialog: Locator, filter: 'All' | 'Unread' | 'Read'): Promise<void> {
  // the radio itself is an invisible input under its label: click the label, as a user does
  await dialog.locator('label').filter({ has: dialog.page().getByRole('radio', { name: filter, exact: true }) }).click();
}

/** The toast announcing a new message. */
export const toast = (page: Page, title: string) => page.locator('.ant-notification-notice').filter({ hasText: title });
