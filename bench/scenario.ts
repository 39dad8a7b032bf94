// One scenario of `npm run bench` in a process of its own, as a server process hosts one app: what a scenario leaves
// in its process must not be charged to the next one. After the read path, the stream scenario's app ran in a process
// that had hosted two 1,000,000-message apps (1.8 GB more RSS, their code's type feedback), and its scavenges took
// 9.5 ms each instead of 4.2 (bench/results/sqlite-streams-10000-scenario-processes.md). Talks over IPC:
// run (a scenario's name) → result (its figures) or failed.
import { bootBothPlugins } from './app';
import { config } from './config';
import { runFanout } from './fanout';
import { log } from './log';
import { runReadPath } from './read-path';
import type { BenchResults } from './report';
import { runRetention } from './retention';
import { runStream } from './stream';

export type ScenarioName = 'fanout' | 'read' | 'stream' | 'retention';

const SCENARIOS: { [name in ScenarioName]: () => Promise<BenchResults[name]> } = {
  fanout: async () => {
    const { searchIndexMs } = config.fanout;
    const app = await bootBothPlugins(searchIndexMs ? { inbox: { searchIndexMs } } : {});
    try {
      return await runFanout(app, config.fanout.receivers, config.fanout.runs, log);
    } finally {
      await app.destroy();
    }
  },
  read: () => runReadPath(config.read.scales, config.read, log),
  stream: () => runStream(config.stream, log),
  retention: () => runRetention(config.retention, log),
};

const reply = (message: object) => new Promise<void>((resolve) => process.send?.(message, () => resolve()));

process.once('message', async ({ name }: { name: ScenarioName }) => {
  try {
    await reply({ type: 'result', result: await SCENARIOS[name]() });
    process.exit(0);
  } catch (error) {
    await reply({ type: 'failed', error: String((error as Error)?.stack ?? error) });
    process.exit(1);
  }
});
