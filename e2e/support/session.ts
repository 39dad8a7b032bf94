// One user's browser for a whole test file: the signed-in page, the same user's API, and what the pages requested.
import type { Browser, Page, Request } from 'playwright-core';
import { launchBrowser, Login, signIn, VIEWPORT } from './browser';
import { switchOffDesignedWorkflows } from './canvas';
import { Api, apiAs } from './demo';

export interface Session {
  browser: Browser;
  /** Signed in as the login; `page.context()` opens more tabs of the same session. */
  page: Page;
  api: Api;
  /** The requests of every tab of the session whose URL `watch` matches, from before the sign-in on. */
  requests: Request[];
}

/**
 * Registers the file's beforeAll/afterAll: a browser, the login signed in, its API. At the end, the workflows the
 * file designed in the canvas are switched off (so later files' leads reach only the demo's) and the browser closes.
 */
export function useSession(login: Login, watch?: RegExp): Session {
  const session = { requests: [] } as unknown as Session;
  beforeAll(async () => {
    session.browser = await launchBrowser();
    const context = await session.browser.newContext({ viewport: VIEWPORT });
    if (watch) context.on('request', (request) => {
        if (watch.test(request.url())) session.requests.push(request);
      });
    [session.page, session.api] = await Promise.all([signIn(context, login), apiAs(login)]);
  });
  afterAll(async () => {
    if (session.api) await switchOffDesignedWorkflows(session.api);
    await session.browser?.close();
  });
  return session;
}
