import fs from 'fs';
import path from 'path';
import { bootBothPlugins } from './app';
import { config } from './config';
import { runFanout } from './fanout';
import { describeMachine } from './machine';
import { runReadPath } from './read-path';
import { BenchResults, checkTargets, consoleReport, markdownReport } from './report';
import { runRetention } from './retention';
import { runStream } from './stream';

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

const settings = (): Record<string, string> =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_') || k === 'DB_DIALECT').map(([k, v]) => [k, String(v)]));

async function main() {
  const started = Date.now();
  const wants = (scenario: string) => config.scenarios.includes(scenario);
  const { searchIndexMs } = config.fanout;
  const app = await bootBothPlugins(searchIndexMs ? { inbox: { searchIndexMs } } : {});
  const results: BenchResults = { machine: await describeMachine(app), settings: settings(), seconds: 0 };
  try {
    if (wants('fanout')) results.fanout = await runFanout(app, config.fanout.receivers, config.fanout.runs, log);
  } finally {
    await app.destroy();
  }
  if (wants('read')) results.read = await runReadPath(config.read.scales, config.read, log);
  if (wants('stream')) results.stream = await runStream(config.stream, log);
  if (wants('retention')) results.retention = await runRetention(config.retention, log);
  results.seconds = (Date.now() - started) / 1000;

  const checks = checkTargets(results);
  console.log(consoleReport(results, checks));
  const output = path.resolve(process.cwd(), config.output);
  fs.writeFileSync(output, markdownReport(results, checks));
  log(`wrote ${output}; ${checks.filter((c) => c.pass === false).length} of ${checks.filter((c) => c.pass !== null).length} targets missed`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
