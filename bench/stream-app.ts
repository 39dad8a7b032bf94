import type { MockServer } from '@nocobase/test';
import { PLUGIN_NAME } from '../src/shared/constants';
import type PluginInAppMessageServer from '../src/server/plugin';
import { settle } from './stats';

/** What the stream scenario asks of an app node, in the bench process or in node B's own. */
export const hubOf = (app: MockServer) => (app.pm.get(PLUGIN_NAME) as PluginInAppMessageServer).realtime.hub;

export async function connected(app: MockServer, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(app.pubSubManager as any).adapter?.isConnected?.(); await settle(50)) {
    if (Date.now() > deadline) throw new Error('the Redis pub/sub adapter did not connect');
  }
}
