import { DemoApp, stopDemoApp } from './support/demo-app';

export default async function globalTeardown() {
  const app = (globalThis as Record<string, unknown>).__INBOX_DEMO_APP__ as DemoApp | undefined;
  if (app) await stopDemoApp(app);
}
