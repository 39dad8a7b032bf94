// The switch from the official in-app plugin as an admin makes it: messages sent through an official channel,
// "Import from the official plugin" on Settings → In-app inbox, then the imported messages in our bell.
import type { Browser, Page } from 'playwright-core';
import { OFFICIAL, PLUGIN_NAME } from '../src/shared/constants';
import { launchBrowser, screenshot, signedInPage } from './support/browser';
import { ADMIN, Api, apiAs, eventually } from './support/demo';
import { messageItem, openInbox } from './support/inbox';
import { appUrl } from './support/paths';

const OFFICIAL_PLUGIN = 'notification-in-app-message';
const RUN = Date.now().toString(36);
const LEGACY = { name: `legacy_${RUN}`, title: `Legacy inbox ${RUN}` };
const TITLES = [`Imported hello ${RUN}`, `Imported report ${RUN}`];

/** Times the plugin manager is asked, and how long each time the switch is waited for. */
const SWITCH_ATTEMPTS = 3;
const SWITCH_WAIT_MS = 60000;

/**
 * Enables or disables the official plugin (the app restarts) and waits until our API answers again. The plugin
 * manager answers at once and switches afterwards; on SQLite its write can find another writer's lock and fail
 * (SQLITE_BUSY, logged as "Failed to disable plugin", the plugin left as it was), so it is asked again, as an admin
 * would press the switch again.
 */
async function setOfficialPlugin(api: Api, enabled: boolean): Promise<void> {
  for (let attempt = 1; attempt <= SWITCH_ATTEMPTS; attempt++) {
    await api.post(`pm:${enabled ? 'enable' : 'disable'}`, undefined, { filterByTk: OFFICIAL_PLUGIN }).catch(() => undefined);
    const status = await eventually(
      () => api.get('inboxSettings:officialStatus').catch(() => null),
      (answer) => answer?.available === enabled,
      SWITCH_WAIT_MS,
    ).catch(() => undefined);
    if (status?.available === enabled) return;
  }
  throw new Error(`the official plugin did not become ${enabled ? 'enabled' : 'disabled'} in ${SWITCH_ATTEMPTS} attempts`);
}

describe('an admin switches from the official in-app plugin', () => {
  let browser: Browser;
  let admin: Page;
  let api: Api;

  beforeAll(async () => {
    api = await apiAs(ADMIN);
    await setOfficialPlugin(api, true);
    const me = await api.get('auth:check');
    await api.post('notificationChannels:create', { ...LEGACY, notificationType: OFFICIAL.channelType, options: {}, description: '' });
    // the stock notification node's test send: the official channel writes its own rows, as a workflow would
    for (const title of TITLES) {
      const job = await api.post('flow_nodes:test', {
        type: 'notification',
        config: { channelName: LEGACY.name, receivers: [me.id], title, content: 'From the official plugin', options: { url: '/admin' } },
      });
      expect(job.status).toBe(1);
    }
    browser = await launchBrowser();
    admin = await signedInPage(browser, ADMIN);
  }, SWITCH_ATTEMPTS * SWITCH_WAIT_MS + 120000);

  afterAll(async () => {
    await browser?.close();
    // the other suites expect one bell, ours
    await setOfficialPlugin(api, false).catch(() => undefined);
  }, SWITCH_ATTEMPTS * SWITCH_WAIT_MS + 60000);

  it('imports from the settings page, converting the official channel', async () => {
    await admin.goto(`${appUrl()}/admin/settings/${PLUGIN_NAME}`);
    const panel = admin.locator('.ant-card').filter({ hasText: 'Messages in the official plugin' });
    await panel.getByText(LEGACY.name).waitFor();
    await screenshot(admin, 'import-01-panel');
    await panel.getByRole('button', { name: 'Import from the official plugin' }).click();
    await panel.getByText(/\d+ messages imported, \d+ skipped/).waitFor({ timeout: 60000 });
    await panel.getByText(`Channels converted: ${LEGACY.name}`).waitFor();
    await screenshot(admin, 'import-02-result');
    const channel = await api.get('notificationChannels:get', { filterByTk: LEGACY.name });
    expect(channel.notificationType).toBe('in-app-inbox');
  });

  it('shows the imported messages in the bell once the official plugin is off', async () => {
    await setOfficialPlugin(api, false);
    // turning a plugin off restarts the app, and a page open meanwhile reloads itself (once or more) when it hears
    // of it: this step opens a page of its own, in the admin's signed-in browser
    const page = await admin.context().newPage();
    await page.goto(`${appUrl()}/admin`);
    const dialog = await openInbox(page);
    await dialog.getByText(LEGACY.title).first().click();
    for (const title of TITLES) await messageItem(dialog, title, true).waitFor();
    await screenshot(page, 'import-03-bell');
    await page.close();
  }, SWITCH_ATTEMPTS * SWITCH_WAIT_MS + 120000);
});
