// NocoBase mobile (/m): the demo's message carries the lead's mobile link (`options.mobileUrl`), and its View opens
// the lead on the mobile Leads page the demo adds, not the desktop page.
import type { Browser } from 'playwright-core';
import { launchBrowser, PHONE_VIEWPORT, screenshot, signedInPage } from './support/browser';
import { ADMIN, apiAs, CHANNEL, leadMessageTitle, SALES, uniqueLead, unreadOf } from './support/demo';
import { bellLabel, messageItem } from './support/inbox';
import { appUrl } from './support/paths';

/** The mobile app's first render and the badge's count on a busy two-core machine. */
const FIRST_RENDER_MS = 60000;

describe("a lead's message on NocoBase mobile", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("opens the lead's mobile page from the message's View", async () => {
    const unread = (await unreadOf(await apiAs(SALES[0]))) + 1;
    const page = await signedInPage(browser, SALES[0], PHONE_VIEWPORT);
    const lead = uniqueLead('Mobile link');
    const created = await (await apiAs(ADMIN)).post('leads:create', lead);
    await page.goto(`${appUrl()}/m`);
    const tab = page.getByRole('link', { name: bellLabel(unread), exact: true });
    await tab.waitFor({ timeout: FIRST_RENDER_MS });
    // the demo's mobile Leads page is in the tab bar next to Messages
    await page.getByText('Leads', { exact: true }).waitFor();
    await tab.click();
    await page.getByRole('option', { name: new RegExp(CHANNEL.title) }).click();
    const item = messageItem(page.locator('main, body'), leadMessageTitle(lead), true);
    await item.waitFor();
    await item.getByRole('button', { name: 'View' }).click();

    // the mobile page's popup of this lead, by its URL: /m/page/<page>/popups/<View action>/filterbytk/<id>
    await page.waitForURL(new RegExp(`/m/page/\\w+/popups/\\w+/filterbytk/${created.id}$`));
    // the lead's fields in the popup's details block (the Leads table behind it may show them too)
    const detail = (field: string) => page.getByRole('button', { name: new RegExp(`-leads-details-leads\\.${field}-`) });
    await detail('name').filter({ hasText: lead.name }).waitFor();
    await detail('company').filter({ hasText: lead.company }).waitFor();
    await screenshot(page, 'mobile-link-01-lead-on-mobile');
  });
});
