// The bell and popover as a user meets them, found by their accessible names (src/client/components).
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { RESOURCES } from '../../src/shared/constants';
import { eventually } from './demo';

const BELL_NAME = /^Messages(, \d+ unread)?$/;

/** Pure: the bell's accessible name for `unread` unread messages. */
export const bellLabel = (unread: number) => (unread ? `Messages, ${unread} unread` : 'Messages');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const bell = (page: Page) => page.getByRole('button', { name: BELL_NAME });

/** The bell while its badge shows `unread`. */
const bellShowing = (page: Page, unread: number) => page.getByRole('button', { name: bellLabel(unread), exact: true });

/** Waits until the badge shows `unread` (no reload: the page updates itself). */
export async function waitForUnread(page: Page, unread: number): Promise<void> {
  await bellShowing(page, unread).waitFor();
}

/**
 * Waits until the badge shows what the server counts (`count`, read again until they agree), and answers it: for a
 * step during which another workflow (an earlier suite's, resumed late) may message the user too, so that no exact
 * number can be known ahead.
 */
export async function waitForServerUnread(page: Page, count: () => Promise<number>): Promise<number> {
  const shown = async () => {
    const unread = await count();
    return { unread, shown: await bellShowing(page, unread).isVisible() };
  };
  return (await eventually(shown, (read) => read.shown)).unread;
}

/**
 * Resolves once a page of `context` has its live stream open (the response's headers came), so that a message sent
 * after it arrives as news, with a toast. Before that, the page learns of it from its counts only. Call it before the
 * page opens.
 */
export function streamOpened(context: BrowserContext): Promise<unknown> {
  return context.waitForEvent('response', { predicate: isStream, timeout: 30_000 });
}

/** Counts the stream requests the pages of `context` make from now on. */
export function streamRequests(context: BrowserContext): () => number {
  let made = 0;
  context.on('request', (request) => {
    if (isStream(request)) made++;
  });
  return () => made;
}

const isStream = (request: { url(): string }) => request.url().includes(`/${RESOURCES.myMessages}:stream`);

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
