// Node B of the two-node stream scenario, in a process of its own as a second app node runs: its stream writes
// and its count queries then run beside node A's, not on node A's thread. Talks to the bench over IPC:
// start → started (its API address), idle → idle (its hub has no pending work), stop.
import type { MockServer } from '@nocobase/test';
import { Listening, createInboxApp, hubOf, listen } from '../testing/app';
import { connected } from './stream-app';

let app: MockServer | undefined;
let http: Listening | undefined;

const reply = (message: object) => process.send?.(message);

process.on('message', async (command: { type: string; options?: Record<string, unknown> }) => {
  try {
    if (command.type === 'start') {
      app = await createInboxApp({ ...command.options, skipInstall: true });
      await connected(app);
      http = await listen(app);
      reply({ type: 'started', api: http.api });
    } else if (command.type === 'idle') {
      await hubOf(app as MockServer).idle();
      reply({ type: 'idle' });
    } else if (command.type === 'stop') {
      await http?.close();
      await app?.destroy();
      process.exit(0);
    }
  } catch (error) {
    reply({ type: 'failed', error: String((error as Error)?.stack ?? error) });
  }
});
