// The inbox beyond the classic desktop client: the modern client (/v/), a phone's screen, NocoBase mobile (/m),
// and one live stream shared by a classic and a modern tab.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, Login, openPage, PHONE_VIEWPORT, screenshot, signedInPage, signIn } from './support/browser';
import { ADMIN, apiAs, CHANNEL, Lead, leadMessageTitle, SALES, uniqueLead, unreadOf } from './support/demo';
import { bell, bellLabel, messageItem, openInbox, streamOpened, streamRequests, toast, waitForUnread } from './support/inbox';
import { appUrl } from './support/paths';
import { INSTRUCTION_TYPE, RESOURCES } from '../src/shared/constants';
import { waitUntil } from '../testing/poll';

const STREAM = 'myInboxMessages:stream';
/** The inbox's first list, on a two-core machine still running the previous test's workflows. */
const LIST_LOAD_MS = 60000;

/** Our resources' paths (`/api/myInboxMessages:list`, `/api/inboxSettings:get`…): every one starts with one of these. */
const OUR_RESOURCE = new RegExp(`/api/(${[...Object.values(RESOURCES), 'inbox'].join('|')})`);

/**
 * Records the requests refused from every page of `context`: a 401 from our resources, and a 403 from any (NocoBase
 * shows "No permissions" for it). NocoBase's own auth:check and the AI plugin's calls may answer 401 before sign-in:
 * not ours, not counted.
 */
function refusalsOf(context: BrowserContext): string[] {
  const found: string[] = [];
  context.on('response', (response) => {
    const ours = OUR_RESOURCE.test(new URL(response.url()).pathname);
    if ((response.status() === 401 && ours) || response.status() === 403) {
      found.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    }
  });
  return found;
}

async function postLead(lead: Lead) {
  await (await apiAs(ADMIN)).post('leads:create', lead);
}

async function createLead(label: string) {
  const lead = uniqueLead(label);
  await postLead(lead);
  return lead;
}

describe('the inbox beyond the classic desktop client', () => {
  let browser: Browser;

  /**
   * A phone's page signed in through the form, its refused requests recorded from the first request on; `live`
   * resolves once its stream is open, `streams` counts the stream requests it made.
   */
  async function phonePage(login: Login) {
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT });
    const refused = refusalsOf(context);
    const streams = streamRequests(context);
    const live = streamOpened(context);
    live.catch(() => undefined); // awaited only by the tests that need it; a page closed first is no failure
    return { page: await signIn(context, login), refused, live, streams };
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the bell, its live badge and the popover on the modern client (/v/admin)', async () => {
    const page = await signedInPage(browser, SALES[0]);
    await page.goto(`${appUrl()}/v/admin`);
    const unread = await unreadOf(await apiAs(SALES[0]));
    await waitForUnread(page, unread);
    const lead = await createLead('Modern');
    await waitForUnread(page, unread + 1);
    const dialog = await openInbox(page);
    await dialog.getByRole('option', { name: new RegExp(CHANNEL.title) }).waitFor();
    await messageItem(dialog, leadMessageTitle(lead), true).waitFor();
    await screenshot(page, 'surfaces-01-modern-client-popover');
  });

  it('keeps the unread count in sight on a 390×844 phone, and the full-screen inbox works', async () => {
    // the API's sign-in first: signing in again after the page did ended the page's session in a full-file run
    const unread = (await unreadOf(await apiAs(SALES[1]))) + 1;
    const { page, refused, live, streams } = await phonePage(SALES[1]);
    await waitForUnread(page, unread - 1);
    await live; // the page is live before the lead: its message comes as news, with a toast
    const lead = uniqueLead('Phone');

    // the new lead's toast fits the screen, its View and close buttons in sight and finger-sized. Watched for before
    // the lead is made: it lives 4.5 s from the message's arrival, and on a loaded machine the request that makes
    // the lead, or the badge's count, can answer later than that
    const notice = toast(page, leadMessageTitle(lead));
    const shown = notice.waitFor();
    await postLead(lead);
    await shown;
    expect(streams()).toBe(1); // the app renders its layout anew after signing in: the inbox kept its stream through it
    await notice.hover(); // it stays while the pointer rests on it (antd pauses its timer), long enough to measure
    await screenshot(page, 'surfaces-09-phone-toast');
    const noticeBox = await notice.boundingBox();
    expect(noticeBox && noticeBox.x >= 0 && noticeBox.x + noticeBox.width <= PHONE_VIEWPORT.width).toBe(true);
    const view = notice.getByRole('button', { name: 'View' });
    expect(await view.isVisible()).toBe(true);
    const viewBox = await view.boundingBox();
    expect(viewBox && viewBox.x >= 0 && viewBox.x + viewBox.width <= PHONE_VIEWPORT.width && viewBox.height >= 44).toBe(true);
    const close = notice.locator('.ant-notification-notice-close'); // antd's <a aria-label="Close">: no role to find it by
    expect((await close.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    await close.click(); // it covers the top bar, where the bell is
    await notice.waitFor({ state: 'hidden' });
    await waitForUnread(page, unread);

    const box = await bell(page).boundingBox();
    expect(box && box.y + box.height <= 46 && box.width >= 44 && box.height >= 44).toBe(true); // on the top bar, finger-sized
    await screenshot(page, 'surfaces-02-phone-badge');

    const dialog = await openInbox(page);
    expect((await dialog.boundingBox())?.width).toBeGreaterThanOrEqual(PHONE_VIEWPORT.width - 1);
    const item = messageItem(dialog, leadMessageTitle(lead), true);
    await item.waitFor();
    await screenshot(page, 'surfaces-03-phone-inbox');
    const read = item.getByRole('button', { name: 'Mark as read' });
    expect((await read.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    await read.click();
    await waitForUnread(page, unread - 1);
    expect(refused).toEqual([]);
  });

  it("opens a message's actions with a long press on a touch screen", async () => {
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, hasTouch: true });
    const page = await signIn(context, SALES[1]);
    const dialog = await openInbox(page);
    const item = dialog.getByRole('listitem').first();
    // the list loads after the dialog opens, behind whatever the app still runs on a loaded machine; a failure says
    // what the dialog showed and what the server lists for this user
    await item.waitFor({ timeout: LIST_LOAD_MS }).catch(async (error) => {
      const listed = (await (await apiAs(SALES[1])).get('myInboxMessages:list', { limit: 5 })).length;
      throw new Error(`${error.message}\nthe dialog showed: ${await dialog.innerText()}\nthe server lists ${listed} of the user's messages`);
    });
    // the list may render again as it loads (a skeleton, then the rows), and its reload may wait behind the app's
    // other work on a loaded machine as long as its first load: take the box once the rows are back
    const box = await waitUntil(() => item.boundingBox({ timeout: 1000 }).catch(() => null), 'the first message to be laid out again', {
      timeoutMs: LIST_LOAD_MS,
    });
    // a finger resting on the message's title line for 0.8 s (playwright's touchscreen only taps)
    const cdp = await context.newCDPSession(page);
    const point = { x: box.x + box.width / 2, y: box.y + 12 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
    await page.waitForTimeout(800);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const sheet = page.locator('.ant-drawer-bottom .ant-drawer-content');
    await sheet.getByRole('button', { name: 'Archive' }).waitFor();
    expect((await sheet.getByRole('button', { name: /Mark as (un)?read/ }).boundingBox())?.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'surfaces-10-phone-long-press');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
  });

  it('keeps the unread count in sight on the modern client at phone width too', async () => {
    const { page, refused } = await phonePage(SALES[1]);
    await page.goto(`${appUrl()}/v/admin`);
    await waitForUnread(page, await unreadOf(await apiAs(SALES[1])));
    const box = await bell(page).boundingBox();
    expect(box && box.y + box.height <= 46).toBe(true);
    await screenshot(page, 'surfaces-03b-modern-client-phone');
    expect(refused).toEqual([]);
  });

  it('on NocoBase mobile (/m): the Messages tab shows the badge, its page lists Marketing Clue, View opens the link', async () => {
    const { page, refused } = await phonePage(SALES[0]);
    const unread = (await unreadOf(await apiAs(SALES[0]))) + 1;
    const lead = await createLead('Mobile');
    await page.goto(`${appUrl()}/m`);
    const tab = page.getByRole('link', { name: bellLabel(unread), exact: true });
    await tab.waitFor();
    await tab.click();
    const channel = page.getByRole('option', { name: new RegExp(CHANNEL.title) });
    await channel.waitFor();
    await screenshot(page, 'surfaces-04-mobile-channels');

    await channel.click();
    await page.waitForURL(/\/m\/page\/in-app-inbox\/messages\?channel=/);
    const item = messageItem(page.locator('main, body'), leadMessageTitle(lead), true);
    await item.waitFor();
    await screenshot(page, 'surfaces-05-mobile-messages');
    await item.getByRole('button', { name: 'View' }).click();
    await page.waitForURL(/\/filterbytk\/\d+/);
    await page.getByText(lead.email).first().waitFor(); // the lead's details (a page of its own on a phone)
    await screenshot(page, 'surfaces-06-mobile-view');
    expect(refused).toEqual([]);
  });

  it("shows our node's form in the modern workflow canvas (/v/), its channel and receivers filled in", async () => {
    const api = await apiAs(ADMIN);
    const workflow = await api.post('workflows:create', {
      title: 'Modern canvas',
      type: 'collection',
      sync: false,
      enabled: false,
      config: { collection: 'leads', mode: 1, changed: [], condition: { $and: [] }, appends: [] },
    });
    await api.post(`workflows/${workflow.id}/nodes:create`, {
      type: INSTRUCTION_TYPE,
      title: 'Tell the sales team',
      config: { channelName: CHANNEL.name, receivers: [], title: 'New lead', level: 'info', actions: [], waitFor: 'read' },
    });
    const page = await signedInPage(browser, ADMIN);
    await page.goto(`${appUrl()}/v/admin/settings/workflow/workflows/${workflow.id}`);
    await page.getByText('Tell the sales team').first().waitFor();
    await page.getByText('In-app message', { exact: true }).first().click(); // the card's type tag: its title is an input
    const drawer = page.locator('.ant-drawer-content').last();
    await drawer.getByText(CHANNEL.title).waitFor();
    await screenshot(page, 'surfaces-08-modern-canvas-node');
    await drawer.getByText('Receivers to wait for').waitFor();
    await drawer.getByRole('button', { name: /Test run/ }).waitFor();
    await api.post('workflows:destroy', undefined, { filterByTk: workflow.id });
  });

  it('opens one stream for a classic tab (/admin) and a modern tab (/v/admin) of the same user', async () => {
    const first = await signedInPage(browser, SALES[1]);
    const streams: string[] = [];
    first.context().on('request', (request) => {
      if (request.url().includes(STREAM)) streams.push(request.url());
    });
    await first.reload(); // its stream opens again, now counted
    const second: Page = await openPage(first.context());
    await second.goto(`${appUrl()}/v/admin`);
    const unread = await unreadOf(await apiAs(SALES[1]));
    await Promise.all([waitForUnread(first, unread), waitForUnread(second, unread)]);
    await createLead('Tabs');
    await Promise.all([waitForUnread(first, unread + 1), waitForUnread(second, unread + 1)]);
    await screenshot(second, 'surfaces-07-modern-tab-live');
    // the classic tab leads; the modern tab follows it over BroadcastChannel and opens none
    expect(streams).toHaveLength(1);
  });
});
