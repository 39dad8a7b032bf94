import fs from 'fs';
import path from 'path';
import { bootBothPlugins } from './app';
import { config } from './config';
import { forkTs } from './fork-ts';
import { log } from './log';
import { describeMachine } from './machine';
import { BenchResults, checkTargets, consoleReport, markdownReport } from './report';
import type { ScenarioName } from './scenario';

const SCENARIOS: ScenarioName[] = ['fanout', 'read', 'stream', 'retention'];

const settings = (): Record<string, string> =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_') || k === 'DB_DIALECT').map(([k, v]) => [k, String(v)]));

/** Where the figures are measured: the database's version is asked of an app booted for that only. */
async function machine() {
  const app = await bootBothPlugins();
  try {
    return await describeMachine(app);
  } finally {
    await app.destroy();
  }
}

/** A scenario run in a process of its own (bench/scenario.ts), its figures sent back. */
function runScenario<Name extends ScenarioName>(name: Name): Promise<BenchResults[Name]> {
  const child = forkTs('scenario.ts');
  return new Promise((resolve, reject) => {
    child.on('message', (message: { type: string; result?: BenchResults[Name]; error?: string }) => {
      if (message.type === 'result') resolve(message.result as BenchResults[Name]);
      else reject(new Error(`the ${name} scenario failed: ${message.error}`));
    });
    child.on('exit', (code) => reject(new Error(`the ${name} scenario's process exited (${code}) without its figures`)));
    child.send({ name });
  });
}

async function main() {
  const started = Date.now();
  const results: BenchResults = { machine: await machine(), settings: settings(), seconds: 0 };
  for (const name of SCENARIOS.filter((s) => config.scenarios.includes(s))) {
    (results as Record<ScenarioName, unknown>)[name] = await runScenario(name);
  }
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
