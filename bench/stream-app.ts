import type { MockServer } from '@nocobase/test';
import { waitUntil } from '../testing/poll';

/** Waits for the node's Redis pub/sub adapter to connect, in the bench process or in node B's own. */
export async function connected(app: MockServer, timeoutMs = 10_000): Promise<void> {
  await waitUntil(() => (app.pubSubManager as any).adapter?.isConnected?.(), 'the Redis pub/sub adapter to connect', { timeoutMs });
}
