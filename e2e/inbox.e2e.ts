// A sales user works their inbox while the admin, in another browser context, creates leads.
// The steps share one session each and run in order, as a user would go through them.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, signedInPage } from './support/browser';
import { ADMIN, Api, apiAs, CHANNEL, eventually, Lead, leadMessageTitle, SALES, uniqueLead, unreadOf } from './support/demo';
import { bell, chooseFilter, closeInbox, messageItem, openInbox, toast, waitForServerUnread, waitForUnread } from './support/inbox';
import { createLeadInUi, leadThatArrives } from './support/leads';

/** The titles of the user's messages as the API lists them (newest 100). */
const titlesListed = (api: Api, params: Record<string, unknown> = {}) => async () =>
  ((await api.get('myInboxMessages:list', { ...params, limit: 100 })) as { title: string }[]).map((m) => m.title);

describe('the inbox of a sales user, in a real browser', () => {
  let browser: Browser;
  let admin: Page;
  let sales: Page;
  let adminApi: Api;
  let salesApi: Api;
  let lead: Lead;
  let unreadBefore: number;

  beforeAll(async () => {
    browser = await launchBrowser();
    [admin, sales] = await Promise.all([signedInPage(browser, ADMIN), signedInPage(browser, SALES[0])]);
    [adminApi, salesApi] = await Promise.all([apiAs(ADMIN), apiAs(SALES[0])]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('raises the badge and shows a toast, without a reload, when the admin creates a lead', async () => {
    unreadBefore = await unreadOf(salesApi);
    await waitForUnread(sales, unreadBefore);
    await screenshot(sales, 'inbox-01-sales-user-signed-in');

    lead = uniqueLead('Live');
    // watched for before the lead is made: the toast lives 4.5 s from the message's arrival, and on a loaded machine
    // making the lead in the admin's page can take longer than that
    const notice = toast(sales, leadMessageTitle(lead));
    const shown = notice.waitFor();
    await createLeadInUi(admin, lead);
    await shown;
    // below the top bar: the bell stays clickable while the toast shows
    const [noticeBox, bellBox] = [await notice.boundingBox(), await bell(sales).boundingBox()];
    expect(noticeBox && bellBox && noticeBox.y >= bellBox.y + bellBox.height).toBe(true);
    await screenshot(admin, 'inbox-02-admin-created-a-lead');

    await waitForUnread(sales, unreadBefore + 1);
    await screenshot(sales, 'inbox-03-badge-up-and-toast');
  });

  it('lists the message under "Marketing Clue" in the popover', async () => {
    const dialog = await openInbox(sales);
    await dialog.getByRole('option', { name: new RegExp(CHANNEL.title) }).waitFor();
    await messageItem(dialog, leadMessageTitle(lead), true).waitFor();
    await screenshot(sales, 'inbox-04-popover');
  });

  it('filters unread and read messages', async () => {
    const dialog = await openInbox(sales);
    await chooseFilter(dialog, 'Read');
    await messageItem(dialog, leadMessageTitle(lead)).waitFor({ state: 'hidden' });
    await screenshot(sales, 'inbox-05-filter-read');

    await chooseFilter(dialog, 'Unread');
    await messageItem(dialog, leadMessageTitle(lead), true).waitFor();
    await screenshot(sales, 'inbox-06-filter-unread');
    await chooseFilter(dialog, 'All');
  });

  it('opens the lead from View, marks the message read and lowers the badge', async () => {
    const dialog = await openInbox(sales);
    await messageItem(dialog, leadMessageTitle(lead), true).getByRole('button', { name: 'View' }).click();

    await sales.waitForURL(/\/view\/[^/]+\/filterbytk\/\d+/);
    await sales.getByRole('dialog').filter({ hasText: lead.email }).waitFor(); // the lead's drawer
    await waitForUnread(sales, unreadBefore);
    await screenshot(sales, 'inbox-07-view-opened-the-lead');

    const messages: { title: string; readAt: string | null }[] = await salesApi.get('myInboxMessages:list', { channelName: CHANNEL.name, limit: 100 });
    expect(messages.find((message) => message.title === leadMessageTitle(lead))?.readAt).toEqual(expect.any(String));
  });

  it('marks every message read at once', async () => {
    await sales.keyboard.press('Escape');
    const unread = await waitForServerUnread(sales, () => unreadOf(salesApi));
    const listed = async (lead: Lead) => (await titlesListed(salesApi, { channelName: CHANNEL.name })()).includes(leadMessageTitle(lead));
    const leads = [await leadThatArrives(adminApi, 'Bulk', listed), await leadThatArrives(adminApi, 'Bulk', listed)];
    expect(await waitForServerUnread(sales, () => unreadOf(salesApi))).toBeGreaterThanOrEqual(unread + leads.length);

    const dialog = await openInbox(sales);
    await messageItem(dialog, leadMessageTitle(leads[1]), true).waitFor();
    await screenshot(sales, 'inbox-08-before-mark-all-read');
    await dialog.getByRole('button', { name: 'Mark all as read' }).click();
    await waitForUnread(sales, 0);
    await messageItem(dialog, leadMessageTitle(leads[1]), false).waitFor();
    await screenshot(sales, 'inbox-09-all-read');
  });

  it('deletes a message', async () => {
    const dialog = await openInbox(sales);
    const item = messageItem(dialog, leadMessageTitle(lead));
    await item.getByRole('button', { name: 'Delete' }).click();
    await sales.locator('.ant-popconfirm').getByRole('button', { name: 'Delete' }).click();
    await item.waitFor({ state: 'detached' });
    await screenshot(sales, 'inbox-10-message-deleted');
    await closeInbox(sales);

    const titles = await eventually(titlesListed(salesApi), (list) => !list.includes(leadMessageTitle(lead)));
    expect(titles).not.toContain(leadMessageTitle(lead));
  });
});
