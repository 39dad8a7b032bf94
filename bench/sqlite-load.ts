// `npm run bench:sqlite-load`: 20 clients posting for 10 s to an app on a file-backed SQLite (what `npm start`
// runs), over real HTTP: our markAllRead, then NocoBase's own notificationChannels:update under the same load.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { performance } from 'perf_hooks';
import { authHeaders, createChannel, createInboxApp, createUsers, inboxOf, listen, userId } from '../testing/app';
import { percentile } from './stats';

const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS || 20);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS || 10);
const REQUEST_TIMEOUT_MS = 10_000;

interface LoadFigures {
  name: string;
  requests: number;
  ok: number;
  failed: number;
  timedOut: number;
  p50: number;
  p99: number;
  /** ms for a NocoBase write (a new user) right after the load: the database is not left locked */
  writeAfterMs: number | null;
}

type Request = (client: number) => Promise<Response>;

async function load(name: string, request: Request, writeAfter: () => Promise<unknown>): Promise<LoadFigures> {
  const latencies: number[] = [];
  const figures = { requests: 0, ok: 0, failed: 0, timedOut: 0 };
  const deadline = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (performance.now() < deadline) {
        const start = performance.now();
        figures.requests++;
        try {
          const response = await request(client);
          await response.arrayBuffer();
          if (response.ok) figures.ok++;
          else figures.failed++;
        } catch {
          figures.timedOut++;
        }
        latencies.push(performance.now() - start);
      }
    }),
  );
  const start = performance.now();
  const writeAfterMs = await writeAfter().then(
    () => performance.now() - start,
    () => null,
  );
  return { name, ...figures, p50: percentile(latencies, 50), p99: percentile(latencies, 99), writeAfterMs };
}

const post = (url: string, headers: Record<string, string>, body: unknown = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-load-'));
  process.env.DB_STORAGE = path.join(dir, 'nocobase.sqlite');
  const app = await createInboxApp({ acl: true });
  const server = await listen(app);
  const { api } = server;
  try {
    await createChannel(app, 'ops');
    const users = await createUsers(app, CLIENTS);
    const [admin] = await createUsers(app, 1, ['admin', 'member']);
    for (const user of users) await inboxOf(app).send({ channelName: 'ops', receivers: [userId(user)], title: 'to read' });
    const member: Record<string, string>[] = [];
    for (const user of users) member.push(await authHeaders(app, user)); // one at a time: NocoBase's own sign-in writes
    const root = await authHeaders(app, admin, 'admin');
    let n = 0;
    const newUser = () => app.db.getRepository('users').create({ values: { username: `after${n++}`, roles: ['member'] } });

    const results = [
      await load('ours: myInboxMessages:markAllRead', (c) => post(`${api}/myInboxMessages:markAllRead`, member[c]), newUser),
      await load(
        "NocoBase's own: notificationChannels:update",
        (c) => post(`${api}/notificationChannels:update?filterByTk=ops`, root, { description: `client ${c}` }),
        newUser,
      ),
    ];
    const rows = results.map(
      (r) =>
        `| ${r.name} | ${r.requests} | ${r.ok} | ${r.failed} | ${r.timedOut} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.writeAfterMs === null ? 'failed' : r.writeAfterMs.toFixed(0)} |`,
    );
    const report = [
      `# Concurrent writes on file-backed SQLite`,
      '',
      `${CLIENTS} clients, each posting as fast as answered for ${SECONDS} s, over HTTP, to one app on a SQLite file ` +
        `(${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}). Command: \`npm run bench:sqlite-load\`.`,
      '',
      '| load | requests | 2xx | 4xx/5xx | timed out (10 s) | p50 ms | p99 ms | a write right after (ms) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
    ].join('\n');
    console.log(report);
    fs.writeFileSync(path.resolve(__dirname, 'results/sqlite-load.md'), report);
  } finally {
    await server.close();
    await app.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
