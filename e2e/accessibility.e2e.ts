// Accessibility, measured with axe-core in the real UI: no violation in the popover, the preferences, the toasts,
// the settings page and the mobile pages, on both clients; the inbox works from the keyboard alone.
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { launchBrowser, PHONE_VIEWPORT, screenshot, signedInPage } from './support/browser';
import { ADMIN, apiAs, eventually, leadMessageTitle, SALES, uniqueLead, unreadOf } from './support/demo';
import { bell, inboxDialog, openInbox, toast, waitForUnread } from './support/inbox';
import { appUrl } from './support/paths';

const DIALOG = '[role="dialog"][aria-labelledby]';

describe('accessibility of the inbox, checked by axe-core', () => {
  let browser: Browser;
  let sales: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    sales = await signedInPage(browser, SALES[0]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('finds nothing in a toast, the popover and the preferences on /admin', async () => {
    const unread = await unreadOf(await apiAs(SALES[0]));
    await waitForUnread(sales, unread); // signed in and live
    const lead = uniqueLead('A11y');
    // a link in the message's markdown: a plain anchor, outside antd's components, must keep AA contrast too
    await (await apiAs(ADMIN)).post('leads:create', { ...lead, note: 'See [the brief](https://example.com/brief).' });
    await waitForUnread(sales, unread + 1);
    await toast(sales, leadMessageTitle(lead)).waitFor();
    expect(await axeViolations(sales, '.ant-notification-notice')).toEqual([]);

    const dialog = await openInbox(sales);
    await dialog.getByRole('listitem').first().waitFor();
    expect(await axeViolations(sales, DIALOG)).toEqual([]);
    await dialog.getByRole('button', { name: 'Inbox preferences' }).click();
    const preferences = sales.getByRole('dialog', { name: 'Inbox preferences' }); // the panel's title names the dialog
    await preferences.getByRole('switch').first().waitFor();
    expect(await axeViolations(sales, DIALOG)).toEqual([]);
    await screenshot(sales, 'a11y-01-preferences');
    await preferences.getByRole('button', { name: 'Back to messages' }).click();
    await dialog.waitFor();
  });

  it('opens, filters and closes the inbox from the keyboard alone, giving focus back to the bell', async () => {
    await sales.keyboard.press('Escape');
    await inboxDialog(sales).waitFor({ state: 'hidden' });
    await bell(sales).focus();
    await sales.keyboard.press('Enter');
    const dialog = inboxDialog(sales);
    await dialog.waitFor();
    const focusInside = () => dialog.evaluate((element) => element.contains(document.activeElement));
    expect(await eventually(focusInside, Boolean, 5000)).toBe(true);
    const unread = dialog.getByRole('radio', { name: 'Unread' });
    await unread.focus();
    await sales.keyboard.press('Space');
    expect(await unread.isChecked()).toBe(true);
    await sales.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await bell(sales).evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('finds nothing in the popover on the modern client (/v/admin)', async () => {
    await sales.goto(`${appUrl()}/v/admin`);
    const dialog = await openInbox(sales);
    await dialog.getByRole('listitem').first().waitFor();
    expect(await axeViolations(sales, DIALOG)).toEqual([]);
  });

  it("finds nothing on the admin's settings page", async () => {
    const admin = await signedInPage(browser, ADMIN);
    await admin.goto(`${appUrl()}/admin/settings/in-app-message`);
    const page = admin.getByRole('region', { name: 'In-app inbox' });
    await page.getByText('Retention of read messages').waitFor();
    expect(await axeViolations(admin, 'section[aria-label="In-app inbox"]')).toEqual([]);
  });

  it('finds nothing on the mobile channel and message pages, nor in the Messages tab', async () => {
    const phone = await signedInPage(browser, SALES[1], PHONE_VIEWPORT);
    await phone.goto(`${appUrl()}/m/page/in-app-inbox`);
    const page = phone.locator('section[aria-labelledby]');
    await page.getByRole('option').first().waitFor();
    expect(await axeViolations(phone, 'section[aria-labelledby]')).toEqual([]);
    expect(await axeViolations(phone, 'a[href$="/page/in-app-inbox"]')).toEqual([]);
    await page.getByRole('option').nth(1).click();
    await page.getByRole('listitem').first().waitFor();
    expect(await axeViolations(phone, 'section[aria-labelledby]')).toEqual([]);
    await screenshot(phone, 'a11y-02-mobile-messages');
  });
});
