// Triage in a real chromium: search, archive and back, snooze (and its wake-up), bulk actions over every matching
// message, an important channel that cannot be muted, and axe on each of these states. The suite's messages carry a
// token of their own (leads named `Tri<run> …`), so the search shows only them whatever other files left behind.
import type { Locator, Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { screenshot } from './support/browser';
import { Api, ADMIN, apiAs, CHANNEL, eventually, Lead, leadMessageTitle, SALES, uniqueLead, unreadOf } from './support/demo';
import { bell, messageItem, openInbox, waitForUnread } from './support/inbox';
import { useSession } from './support/session';

const TOKEN = `Tri${Date.now().toString(36)}`;
const DIALOG = '[role="dialog"][aria-labelledby]';
/** A wake-up a few seconds ahead: the server takes any future time, its job looks every second or so. */
const WAKE_IN_MS = 4000;
const LOAD_MS = 60000;

interface Listed {
  id: number;
  title: string;
  readAt: string | null;
}

describe('triage: search, archive, snooze, bulk, important channels', () => {
  const session = useSession(SALES[1]);
  let admin: Api;
  let page: Page;
  let api: Api;
  /** the demo channel's options before the suite made it important */
  let channelOptions: Record<string, unknown> | null = null;

  /** The user's messages whose text has `q`, as the server lists them (`status` as the API takes it). */
  const listed = async (q: string, status?: string): Promise<Listed[]> => api.get('myInboxMessages:list', { q, status, limit: 100 });
  const idOf = async (lead: Lead) => (await listed(lead.name)).find((m) => m.title === leadMessageTitle(lead))?.id;

  /**
   * Creates the leads (the demo's workflow sends each to the sales role) and waits until all reached the badge. One
   * after the other: executions started together may meet SQLite's write lock on a busy machine (SQLITE_BUSY in the
   * workflow plugin), and the lead's message never comes.
   */
  async function leadsArrive(labels: string[]): Promise<Lead[]> {
    const unread = await unreadOf(api);
    const leads = labels.map((label) => uniqueLead(`${TOKEN} ${label}`));
    // the newest messages, not a search: on SQLite a search also catches the search index up (a write), and polling
    // with it kept the workflow's own writes waiting
    const titles = async () => ((await api.get('myInboxMessages:list', { limit: 20 })) as Listed[]).map((m) => m.title);
    for (const lead of leads) {
      await admin.post('leads:create', lead);
      await eventually(titles, (list) => list.includes(leadMessageTitle(lead)), LOAD_MS);
    }
    await waitForUnread(page, unread + leads.length);
    return leads;
  }

  /**
   * The open inbox, searching `text`, once the list shows `expected` and nothing else than matches: the search waits
   * for typing to pause, and its new list clears a selection made before it came.
   */
  async function search(text: string, expected: Lead): Promise<Locator> {
    const dialog = await openInbox(page);
    const box = dialog.getByRole('searchbox', { name: 'Search messages' });
    await box.fill(text);
    const names = () => dialog.getByRole('listitem').evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
    await eventually(names, (list) => list.some((name) => name.startsWith(leadMessageTitle(expected))) && list.every((name) => name.toLowerCase().includes(text.toLowerCase())));
    return dialog;
  }

  /** Loads the page again (the app's first render may take a while on a busy machine). */
  async function reload(): Promise<void> {
    await page.reload();
    await bell(page).waitFor({ timeout: LOAD_MS });
  }

  const archivedView = (dialog: Locator) => dialog.getByRole('button', { name: 'Archived', exact: true });
  const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

  beforeAll(async () => {
    page = session.page;
    api = session.api;
    admin = await apiAs(ADMIN);
    // no toasts over the popover while it is driven (the last step puts them back)
    await api.post('myInboxPreferences:set', { toasts: false });
    await reload();
  });

  afterAll(async () => {
    if (channelOptions) await admin?.post('notificationChannels:update', { options: channelOptions }, { filterByTk: CHANNEL.name });
    await api?.post('myInboxPreferences:set', { toasts: true });
  });

  let alpha: Lead;
  let beta: Lead;
  let gamma: Lead;

  it('narrows the list to what the search box holds, and "/" focuses it', async () => {
    [alpha, beta, gamma] = await leadsArrive(['alpha', 'beta', 'gamma']);
    const dialog = await search(`${TOKEN} beta`, beta);
    await messageItem(dialog, leadMessageTitle(alpha)).waitFor({ state: 'detached' });
    // the list is read again for the search: only beta once it is there
    expect(await eventually(() => dialog.getByRole('listitem', { name: new RegExp(TOKEN) }).count(), (n) => n === 1)).toBe(1);
    expect(await axeViolations(page, DIALOG)).toEqual([]);
    await screenshot(page, 'triage-01-search');

    const box = dialog.getByRole('searchbox', { name: 'Search messages' });
    await box.fill(TOKEN);
    for (const lead of [alpha, beta, gamma]) await messageItem(dialog, leadMessageTitle(lead), true).waitFor();
    await messageItem(dialog, leadMessageTitle(gamma)).focus();
    await page.keyboard.press('/');
    expect(await isFocused(box)).toBe(true);
  });

  it('archives from the button and the e key: out of the list and the badge, in the Archived view, and back', async () => {
    const dialog = await search(TOKEN, alpha);
    const unread = await unreadOf(api);
    const alphaItem = messageItem(dialog, leadMessageTitle(alpha));
    await alphaItem.getByRole('button', { name: 'Archive', exact: true }).click();
    await alphaItem.waitFor({ state: 'detached' });
    await waitForUnread(page, unread - 1);

    const betaItem = messageItem(dialog, leadMessageTitle(beta));
    await betaItem.focus();
    await page.keyboard.press('e');
    await betaItem.waitFor({ state: 'detached' });
    await waitForUnread(page, unread - 2);
    await screenshot(page, 'triage-02-archived-two');

    await archivedView(dialog).click();
    for (const lead of [alpha, beta]) await messageItem(dialog, leadMessageTitle(lead)).waitFor();
    await messageItem(dialog, leadMessageTitle(gamma)).waitFor({ state: 'detached' });
    expect(await archivedView(dialog).getAttribute('aria-pressed')).toBe('true');
    expect(await axeViolations(page, DIALOG)).toEqual([]);
    await screenshot(page, 'triage-03-archived-view');
    expect((await listed(TOKEN, 'archived')).map((m) => m.title).sort()).toEqual([alpha, beta].map(leadMessageTitle).sort());

    // back from the archive: unread as it was, so the badge goes up again
    await messageItem(dialog, leadMessageTitle(alpha)).getByRole('button', { name: 'Unarchive', exact: true }).click();
    await messageItem(dialog, leadMessageTitle(alpha)).waitFor({ state: 'detached' });
    await waitForUnread(page, unread - 1);
    await archivedView(dialog).click();
    await messageItem(dialog, leadMessageTitle(alpha), true).waitFor();
    await screenshot(page, 'triage-04-unarchived');
  });

  it('snoozes from the menu for an hour: out of the list and the badge; a snooze ending brings it back unread', async () => {
    const dialog = await search(TOKEN, gamma);
    const unread = await unreadOf(api);
    const gammaItem = messageItem(dialog, leadMessageTitle(gamma));
    await gammaItem.getByRole('button', { name: 'Snooze', exact: true }).click();
    await page.getByRole('menuitem', { name: 'In 1 hour' }).click();
    await gammaItem.waitFor({ state: 'detached' });
    await waitForUnread(page, unread - 1);
    await screenshot(page, 'triage-05-snoozed');
    const [snoozed] = await listed(leadMessageTitle(gamma), 'snoozed');
    expect(snoozed).toMatchObject({ title: leadMessageTitle(gamma), readAt: null });

    // the same message, snoozed again through the API to a few seconds from now: it comes back by itself
    const until = new Date(Date.now() + WAKE_IN_MS).toISOString();
    await api.post('myInboxMessages:snooze', { until }, { filterByTk: snoozed.id });
    await waitForUnread(page, unread);
    await messageItem(dialog, leadMessageTitle(gamma), true).waitFor();
    expect(await listed(leadMessageTitle(gamma), 'snoozed')).toEqual([]);
    expect((await listed(leadMessageTitle(gamma), 'unread')).map((m) => m.id)).toEqual([snoozed.id]);
    await screenshot(page, 'triage-06-snooze-ended');
  });

  it('selects with x and the box, then marks read and archives every matching message at once', async () => {
    const leads = await leadsArrive(['bulk', 'bulk', 'bulk']);
    const dialog = await search(`${TOKEN} bulk`, leads[2]);
    for (const lead of leads) await messageItem(dialog, leadMessageTitle(lead), true).waitFor();
    const before = (await api.get('myInboxMessages:count')) as { unread: number; total: number };

    await messageItem(dialog, leadMessageTitle(leads[0])).focus();
    await page.keyboard.press('x');
    const toolbar = dialog.getByRole('toolbar', { name: 'Selected messages' });
    await toolbar.getByText('1 selected').waitFor();
    await messageItem(dialog, leadMessageTitle(leads[1])).getByRole('checkbox', { name: 'Select' }).click();
    await toolbar.getByText('2 selected').waitFor();
    await toolbar.getByRole('button', { name: 'Select all 3 matching' }).click();
    await toolbar.getByText('3 selected').waitFor();
    expect(await axeViolations(page, DIALOG)).toEqual([]);
    await screenshot(page, 'triage-07-bulk-bar');

    await toolbar.getByRole('button', { name: 'Mark as read' }).click();
    await waitForUnread(page, before.unread - 3);
    for (const lead of leads) await messageItem(dialog, leadMessageTitle(lead), false).waitFor();
    expect((await listed(`${TOKEN} bulk`, 'unread')).length).toBe(0);
    await screenshot(page, 'triage-08-bulk-read');

    await messageItem(dialog, leadMessageTitle(leads[2])).focus();
    await page.keyboard.press('x');
    await toolbar.getByRole('button', { name: 'Select all 3 matching' }).click();
    await toolbar.getByRole('button', { name: 'Archive', exact: true }).click();
    for (const lead of leads) await messageItem(dialog, leadMessageTitle(lead)).waitFor({ state: 'detached' });
    await dialog.getByText('No messages', { exact: true }).waitFor();
    const after = await eventually(
      () => api.get('myInboxMessages:count') as Promise<{ unread: number; total: number }>,
      (counts) => counts.total === before.total - 3,
    );
    expect(after.unread).toBe(before.unread - 3);
    expect((await listed(`${TOKEN} bulk`, 'archived')).length).toBe(3);
    await waitForUnread(page, after.unread);
    await screenshot(page, 'triage-09-bulk-archived');

    // and back from the archive, all matching at once
    await archivedView(dialog).click();
    await messageItem(dialog, leadMessageTitle(leads[0])).focus();
    await page.keyboard.press('x');
    await toolbar.getByRole('button', { name: 'Select all 3 matching' }).click();
    await toolbar.getByRole('button', { name: 'Unarchive', exact: true }).click();
    await dialog.getByText('No archived messages').waitFor();
    await eventually(() => api.get('myInboxMessages:count') as Promise<{ total: number }>, (counts) => counts.total === before.total);
    expect((await listed(`${TOKEN} bulk`, 'archived')).length).toBe(0);
    await archivedView(dialog).click();
    await dialog.getByRole('searchbox', { name: 'Search messages' }).fill('');
  });

  it('offers no mute for a channel an admin made important, and the server refuses one', async () => {
    const channel = await admin.get('notificationChannels:get', { filterByTk: CHANNEL.name });
    channelOptions = channel.options ?? {};
    await admin.post('notificationChannels:update', { options: { ...channelOptions, important: true } }, { filterByTk: CHANNEL.name });
    await expect(api.post('myInboxPreferences:set', { mutedChannels: [CHANNEL.name] })).rejects.toThrow(/important and cannot be muted/);
    expect((await api.get('myInboxPreferences:get')).importantChannels).toContain(CHANNEL.name);

    await reload();
    const dialog = await openInbox(page);
    await dialog.getByRole('option', { name: new RegExp(CHANNEL.title) }).click({ timeout: LOAD_MS });
    await dialog.getByRole('button', { name: 'Mark channel as read' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Mute channel' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Inbox preferences' }).click();
    const preferences = page.getByRole('dialog', { name: 'Inbox preferences' });
    const mute = preferences.getByRole('switch', { name: `Mute ${CHANNEL.title}` });
    await mute.waitFor();
    expect(await mute.isDisabled()).toBe(true);
    expect(await mute.getAttribute('aria-checked')).toBe('false');
    await preferences.getByText('Important: cannot be muted').waitFor();
    expect(await axeViolations(page, DIALOG)).toEqual([]);
    await screenshot(page, 'triage-10-important-channel');

    // back to what the other files expect: the channel as it was
    await admin.post('notificationChannels:update', { options: channelOptions }, { filterByTk: CHANNEL.name });
    channelOptions = null;
  });
});
