// Desktop alerts in a real chromium: the permission flow in the preferences (the browser grants it), the panel's
// accessibility with every alert setting shown, and the OS notification for a message that arrives while hidden.
import { axeViolations } from './support/axe';
import { screenshot } from './support/browser';
import { ADMIN, apiAs, eventually, leadMessageTitle, SALES, uniqueLead } from './support/demo';
import { openInbox } from './support/inbox';
import { appUrl } from './support/paths';
import { useSession } from './support/session';

const DIALOG = '[role="dialog"][aria-labelledby]';
const DESKTOP = 'Desktop notification while this tab is hidden';
const DEFAULTS = { desktopAlerts: false, sound: false, quietHours: null };

/** What the page handed to `new Notification(…)`, recorded by a subclass put in its place. */
type Shown = { title: string; body?: string; tag?: string };

describe('desktop alerts', () => {
  const session = useSession(SALES[1]);

  beforeAll(async () => {
    await session.page.context().grantPermissions(['notifications'], { origin: appUrl() });
  });
  // the other browser files meet this user with the default preferences
  afterAll(async () => {
    await session.api?.post('myInboxPreferences:set', DEFAULTS);
  });

  it('asks the browser when switched on, saves it, and stays accessible with every setting shown', async () => {
    const { page } = session;
    const dialog = await openInbox(page);
    await dialog.getByRole('button', { name: 'Inbox preferences' }).click();
    const preferences = page.getByRole('dialog', { name: 'Inbox preferences' });
    await preferences.getByRole('switch', { name: DESKTOP }).click();
    await preferences.getByText('Allowed by this browser.').waitFor();
    await preferences.getByRole('switch', { name: 'Quiet hours' }).click();
    await preferences.getByLabel('From').waitFor();
    const saved = await eventually(
      () => session.api.get('myInboxPreferences:get'),
      (prefs) => prefs.desktopAlerts === true && prefs.quietHours !== null,
    );
    expect(saved).toMatchObject({ desktopAlerts: true, quietHours: { from: '22:00', to: '07:00' } });
    expect(await axeViolations(page, DIALOG)).toEqual([]);
    await screenshot(page, 'alerts-01-preferences');
    // quiet hours off again, so the next message is not held back by the time of day the suite runs at
    await preferences.getByRole('switch', { name: 'Quiet hours' }).click();
    await eventually(
      () => session.api.get('myInboxPreferences:get'),
      (prefs) => prefs.quietHours === null,
    );
    await page.keyboard.press('Escape');
  });

  it('shows an OS notification for a message that arrives while the tab is hidden', async () => {
    const { page } = session;
    await page.evaluate(() => {
      const shown: Shown[] = [];
      const Real = window.Notification;
      class Recorded extends Real {
        constructor(title: string, options: NotificationOptions = {}) {
          super(title, options);
          shown.push({ title, body: options.body, tag: options.tag });
        }
      }
      Object.assign(window, { Notification: Recorded, shownNotifications: shown });
      // a headless page never loses visibility: let it believe it is in the background
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    });
    const lead = uniqueLead('Desktop');
    await (await apiAs(ADMIN)).post('leads:create', lead);
    const shown = await eventually(
      () => page.evaluate(() => (window as unknown as { shownNotifications: Shown[] }).shownNotifications),
      (list) => list.some((one) => one.title === leadMessageTitle(lead)),
    );
    expect(shown.filter((one) => one.title === leadMessageTitle(lead))).toEqual([
      expect.objectContaining({ title: leadMessageTitle(lead), tag: expect.stringMatching(/^inbox-message-\d+$/) }),
    ]);
  });
});
