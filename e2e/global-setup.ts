import { startDemoApp } from './support/demo-app';
import { APP_STORAGE_ENV, APP_URL_ENV } from './support/paths';

/**
 * Boots one app for every suite; its address reaches the suites through the environment. With INBOX_E2E_URL
 * already set (say to a running `npm start`), the suites use that app instead.
 */
export default async function globalSetup() {
  if (process.env[APP_URL_ENV]) return;
  const app = await startDemoApp();
  process.env[APP_URL_ENV] = app.url;
  process.env[APP_STORAGE_ENV] = app.storage;
  (globalThis as Record<string, unknown>).__INBOX_DEMO_APP__ = app;
}
