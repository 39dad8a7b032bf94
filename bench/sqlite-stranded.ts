// `npm run bench:sqlite-stranded`: on a SQLite file (what `npm start` runs), new leads each start a workflow whose
// in-app message tells the sales team, while a sales user marks everything read over HTTP at the same moments. The
// workflow engine fails to enter an execution that collides with that write (SQLITE_BUSY) and leaves it to its
// 5-minute recovery; the plugin hands it back (`strandedCheckMs`). Measured with the hand-back off and on, turn about:
// how long each lead's message took, and how many never came within the wait.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { performance } from 'perf_hooks';
import type { MockServer } from '@nocobase/test';
import { COLLECTIONS, INSTRUCTION_TYPE } from '../src/shared/constants';
import { authHeaders, createChannel, createInboxApp, createUsers, listen, userId } from '../testing/app';
import { createCollectionWorkflow, defineLeads } from '../testing/workflow';
import { percentile } from './stats';

const ROUNDS = Number(process.env.BENCH_STRANDED_ROUNDS || 40);
const RUNS = Number(process.env.BENCH_STRANDED_RUNS || 2);
const GAP_MS = Number(process.env.BENCH_STRANDED_GAP_MS || 100);
/** How long the last lead's message is waited for: far less than the engine's own 5-minute recovery. */
const WAIT_MS = Number(process.env.BENCH_STRANDED_WAIT_MS || 60_000);
const LEADS_PER_ROUND = 2;
const SALES = 3;
/** A message later than this was held up: its execution was dropped and handed back (or never came). */
const LATE_MS = 2000;

interface RunFigures {
  handBack: boolean;
  leads: number;
  lost: number;
  late: number;
  /** ms from the lead's row to its message's row, of the messages that came */
  delays: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each lead's creation time and, once it came, its message's, by the lead's name. */
async function arrivals(app: MockServer, salesId: number): Promise<Map<string, { lead: number; message?: number }>> {
  const leads = (await app.db.getModel('leads').findAll({ attributes: ['name', 'createdAt'], raw: true })) as any[];
  const messages = (await app.db
    .getModel(COLLECTIONS.messages)
    .findAll({ attributes: ['title', 'createdAt'], where: { userId: salesId }, raw: true })) as any[];
  const byTitle = new Map(messages.map((m) => [String(m.title), new Date(m.createdAt).getTime()]));
  return new Map(leads.map((l) => [String(l.name), { lead: new Date(l.createdAt).getTime(), message: byTitle.get(`New lead: ${l.name}`) }]));
}

async function run(handBack: boolean): Promise<RunFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-stranded-'));
  process.env.DB_STORAGE = path.join(dir, 'nocobase.sqlite');
  const app = await createInboxApp({ acl: true, inbox: handBack ? {} : { strandedCheckMs: 0 } });
  const server = await listen(app);
  try {
    await defineLeads(app);
    await app.db.getRepository('roles').create({ values: { name: 'sales', title: 'Sales' } });
    const sales = await createUsers(app, SALES, ['member', 'sales']);
    await createChannel(app, 'marketing-clue', 'Marketing Clue');
    await createCollectionWorkflow(app, {
      collection: 'leads',
      nodes: [{ type: INSTRUCTION_TYPE, config: { channelName: 'marketing-clue', receivers: [{ role: 'sales' }], title: 'New lead: {{$context.data.name}}' } }],
    });
    const reader = await authHeaders(app, sales[0]);
    const markAllRead = () =>
      fetch(`${server.api}/myInboxMessages:markAllRead`, { method: 'POST', headers: reader }).then((r) => r.arrayBuffer());
    let n = 0;
    const newLead = () => app.db.getRepository('leads').create({ values: { name: `Lead ${++n}` } });
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all([...Array.from({ length: LEADS_PER_ROUND }, newLead), markAllRead()]);
      await sleep(GAP_MS);
    }
    const deadline = performance.now() + WAIT_MS;
    let seen = await arrivals(app, userId(sales[0]));
    while ([...seen.values()].some((a) => a.message === undefined) && performance.now() < deadline) {
      await sleep(250);
      seen = await arrivals(app, userId(sales[0]));
    }
    const came = [...seen.values()].filter((a) => a.message !== undefined);
    const delays = came.map((a) => Math.max(0, (a.message as number) - a.lead));
    return { handBack, leads: seen.size, lost: seen.size - came.length, late: delays.filter((d) => d > LATE_MS).length, delays };
  } finally {
    await server.close();
    await app.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const row = (r: RunFigures) =>
  `| ${r.handBack ? 'on (the plugin hands dropped executions back)' : "off (the engine's own 5-minute recovery)"} | ${r.leads} | ` +
  `${r.lost} | ${r.late} | ${percentile(r.delays, 50).toFixed(0)} | ${percentile(r.delays, 99).toFixed(0)} | ${Math.max(0, ...r.delays).toFixed(0)} |`;

async function main() {
  const results: RunFigures[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const handBack of [false, true]) {
      const figures = await run(handBack);
      console.log(row(figures));
      results.push(figures);
    }
  }
  const report = [
    '# Workflow messages while users write, on file-backed SQLite',
    '',
    `${ROUNDS} rounds, ${GAP_MS} ms apart: ${LEADS_PER_ROUND} new leads (each starts a workflow whose in-app message goes ` +
      `to ${SALES} sales users) while one of them posts \`myInboxMessages:markAllRead\` over HTTP. Delay: from the lead's row ` +
      `to that user's message row. Lost: no message ${WAIT_MS / 1000} s after the last round. Late: over ${LATE_MS / 1000} s. ` +
      `The hand-back off and on, turn about (${os.cpus().length} cores, Node ${process.version}, ` +
      `${new Date().toISOString().slice(0, 10)}). Command: \`npm run bench:sqlite-stranded\`.`,
    '',
    '| hand-back | leads | lost | late | p50 ms | p99 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(row),
    '',
  ].join('\n');
  console.log(report);
  fs.writeFileSync(path.resolve(__dirname, 'results/sqlite-stranded.md'), report);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
