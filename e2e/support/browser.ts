import fs from 'fs';
import path from 'path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { appUrl, ARTIFACTS_DIR } from './paths';

/** Debian's chromium; playwright's own browser downloads are not used. */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const VIEWPORT = { width: 1366, height: 860 };
const ACTION_TIMEOUT_MS = 20000;
/** Loading the app and its first render: a minute, as a busy two-core machine may need. */
const LOAD_TIMEOUT_MS = 60000;

export interface Login {
  account: string;
  password: string;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/** Opens a page and records what the app threw, so a failing step can say why. */
export async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(LOAD_TIMEOUT_MS);
  page.on('pageerror', (error) => console.warn(`[page error] ${error.message}`));
  return page;
}

/** A phone's screen (CSS pixels), for the phone layouts. */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

/** Signs in through the sign-in form, in a context of its own (its own storage, so its own session). */
export async function signedInPage(browser: Browser, login: Login, viewport = VIEWPORT): Promise<Page> {
  return signIn(await browser.newContext({ viewport }), login);
}

/** Signs in through the sign-in form in a new page of `context`; its other pages share the session. */
export async function signIn(context: BrowserContext, { account, password }: Login): Promise<Page> {
  const page = await openPage(context);
  await page.goto(`${appUrl()}/signin`);
  const accountBox = page.getByPlaceholder(/Username|Email/i);
  await accountBox.waitFor({ timeout: LOAD_TIMEOUT_MS });
  await accountBox.fill(account);
  await page.getByPlaceholder(/Password/i).fill(password);
  await page.getByRole('button', { name: /Sign in/i }).click();
  await page.waitForURL(/\/admin/);
  // the app renders its layout anew once signed in, the sign-in form's last: a dialog opened before would go with it
  await accountBox.waitFor({ state: 'detached', timeout: LOAD_TIMEOUT_MS });
  return page;
}

const ANIMATING = '[class*="-enter-active"], [class*="-appear-active"], [class*="-leave-active"]';

/** Gives antd's enter/leave animations (drawers, popovers, toasts) up to 3 s to finish: a picture, not a check. */
async function animationsDone(page: Page): Promise<void> {
  await page.waitForFunction((selector) => !document.querySelector(selector), ANIMATING, { timeout: 3000 }).catch(() => undefined);
}

/** Saves a screenshot, once animations are done, as artifacts/e2e/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await animationsDone(page);
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
}
