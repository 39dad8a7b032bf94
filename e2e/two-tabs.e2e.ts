// One user, two tabs: what is read in one shows in the other without a reload, and the browser holds ONE stream.
import type { Page } from 'playwright-core';
import { RESOURCES } from '../src/shared/constants';
import { openPage, screenshot } from './support/browser';
import { ADMIN, apiAs, leadMessageTitle, SALES, uniqueLead, unreadOf } from './support/demo';
import { messageItem, openInbox, waitForUnread } from './support/inbox';
import { appUrl } from './support/paths';
import { useSession } from './support/session';

const STREAM = new RegExp(`/${RESOURCES.myMessages}:stream(\\?|$)`);

describe('two tabs of the same user', () => {
  const session = useSession(SALES[1], STREAM);
  let first: Page;
  let second: Page;

  beforeAll(async () => {
    first = session.page;
    second = await openPage(first.context()); // same context: same session, like a second tab
    await second.goto(`${appUrl()}/admin`);
  });

  it('updates the badge in one tab when a message is read in the other', async () => {
    const unread = await unreadOf(session.api);
    await Promise.all([waitForUnread(first, unread), waitForUnread(second, unread)]);
    const lead = uniqueLead('Tabs');
    await (await apiAs(ADMIN)).post('leads:create', lead);
    await Promise.all([waitForUnread(first, unread + 1), waitForUnread(second, unread + 1)]);
    await screenshot(second, 'tabs-01-second-tab-before');

    const dialog = await openInbox(first);
    await messageItem(dialog, leadMessageTitle(lead), true).getByRole('button', { name: 'Mark as read' }).click();
    await waitForUnread(first, unread);
    await waitForUnread(second, unread);
    await screenshot(first, 'tabs-02-read-in-first-tab');
    await screenshot(second, 'tabs-03-second-tab-updated');
  });

  it('holds one stream for both tabs: the first tab opened it, the second none', () => {
    expect(session.requests.map((request) => request.frame().page() === first)).toEqual([true]);
  });
});
