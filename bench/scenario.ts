// One scenario of `npm run bench` in a process of its own, as a server process hosts one app: what a scenario leaves
// in its process must not be charged to the next one. Run after the read path in the process that had hosted its two
// 1,000,000-message apps, the stream scenario's app (the same JS heap, 1.8 GB more RSS) ran scavenges of 9.5 ms each
// against 4.3 in a process of its own, and opening its streams slowed another request 2.37× against 1.69× (README,
// Benchmarks). Talks over IPC: { name } (a scenario's) → result (its figures) or failed.
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
