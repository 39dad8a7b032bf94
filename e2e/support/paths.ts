import path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'artifacts', 'e2e');
/** Where global setup tells the suites how to reach the app (set in the environment jest hands to them). */
export const APP_URL_ENV = 'INBOX_E2E_URL';
/** The storage directory of the app global setup started (unset when the suites use an app already running). */
export const APP_STORAGE_ENV = 'INBOX_E2E_STORAGE';

export function appUrl(): string {
  const url = process.env[APP_URL_ENV];
  if (!url) throw new Error(`${APP_URL_ENV} is not set: run the browser suite with \`npm run test:e2e\``);
  return url;
}
