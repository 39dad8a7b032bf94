import type { FanoutResult } from './fanout';
import { FANOUT_SIDES, messagesPerSecond } from './fanout';
import type { Machine } from './machine';
import { NO_OP, ReadName, ReadResult } from './read-path';
import type { RetentionReport } from './retention';
import { STATEMENT_KINDS } from './statement-profile';
import type { StreamReport } from './stream';

export interface BenchResults {
  machine: Machine;
  settings: Record<string, string>;
  fanout?: FanoutResult[];
  read?: ReadResult[];
  stream?: StreamReport;
  retention?: RetentionReport;
  seconds: number;
}

export interface TargetCheck {
  scenario: string;
  target: string;
  measured: string;
  /** null: the target is set for a scale this run did not reach. */
  pass: boolean | null;
}

/** The issue sets the read speed-up targets at this many messages. */
const TARGET_SCALE = 1_000_000;

export interface Section {
  title: string;
  note?: string;
  headers: string[];
  rows: string[][];
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(1) : n < 100 ? n.toFixed(0) : int(n));
const times = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(0)}×`;
const pct = (n: number) => `${(n * 100).toFixed(0)}%`;

const FAST_READS: ReadName[] = ['channel list', 'unread count'];
/** Issue 14: a search ≥ 20× faster than the official plugin's list filter, and its median ≤ 50 ms on SQLite. */
const SEARCHES: ReadName[] = ['search', 'rare search'];
const SEARCH_MS = 50;
const goalOf = (read: ReadName) => (FAST_READS.includes(read) ? 50 : SEARCHES.includes(read) ? 20 : 5);
/** Issue 16: a read of ours this close to the no-op action passes whatever the official plugin's time. */
const NO_OP_MARGIN_MS = 1.5;

/** Every target of issues 7, 14 and 16 the run had figures for, measured against its goal. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const f of results.fanout ?? []) {
    const vsOfficial = f.ms.theirs.median / f.ms.ours.median;
    const vsRaw = f.ms.raw.median / f.ms.ours.median;
    const scenario = `fan-out to ${int(f.receivers)}`;
    checks.push({ scenario, target: 'ours ≥ 3× the official plugin', measured: times(vsOfficial), pass: vsOfficial >= 3 });
    checks.push({ scenario, target: 'ours ≥ 70% of the raw multi-row INSERT', measured: pct(vsRaw), pass: vsRaw >= 0.7 });
    const vsStatement = f.ms.rawSelect.median / f.ms.ours.median;
    checks.push({ scenario, target: 'ours ≥ 60% of the raw INSERT … SELECT statement alone', measured: pct(vsStatement), pass: vsStatement >= 0.6 });
    const buttonsVsOfficial = f.ms.theirs.median / f.ms.buttons.median;
    checks.push({ scenario, target: 'ours with 2 buttons ≥ 3× the official plugin', measured: times(buttonsVsOfficial), pass: buttonsVsOfficial >= 3 });
  }
  const read = results.read ?? [];
  const largest = Math.max(...read.map((r) => r.messages));
  const smallest = Math.min(...read.map((r) => r.messages));
  for (const r of read.filter((x) => x.messages === largest && x.read !== NO_OP)) {
    const goal = goalOf(r.read);
    const speedUp = r.ms.theirs.median / r.ms.ours.median;
    // a read this close to the harness's empty action has nothing left to cut: the official plugin's time cannot change that
    const noOp = read.find((x) => x.messages === r.messages && x.persona === r.persona && x.read === NO_OP);
    const overNoOp = noOp ? r.ms.ours.median - noOp.ms.ours.median : Infinity;
    const floor = overNoOp <= NO_OP_MARGIN_MS;
    checks.push({
      scenario: `${r.read}, ${r.persona} user, ${int(largest)} messages`,
      target: `ours ≥ ${goal}× faster than the official plugin, or within ${NO_OP_MARGIN_MS} ms of the no-op action` +
        (largest < TARGET_SCALE ? ` (set at ${int(TARGET_SCALE)})` : ''),
      measured: `${times(speedUp)}; ${ms(overNoOp)} ms over the no-op`,
      pass: largest < TARGET_SCALE ? null : speedUp >= goal || floor,
    });
    if (SEARCHES.includes(r.read) && results.machine.dialect === 'sqlite') {
      checks.push({
        scenario: `${r.read}, ${r.persona} user, ${int(largest)} messages`,
        target: `ours median ≤ ${SEARCH_MS} ms on SQLite` + (largest < TARGET_SCALE ? ` (set at ${int(TARGET_SCALE)})` : ''),
        measured: `${ms(r.ms.ours.median)} ms`,
        pass: largest < TARGET_SCALE ? null : r.ms.ours.median <= SEARCH_MS,
      });
    }
    const base = read.find((x) => x.messages === smallest && x.persona === r.persona && x.read === r.read);
    if (base && smallest !== largest) {
      const growth = r.ms.ours.median / base.ms.ours.median;
      checks.push({
        scenario: `${r.read}, ${r.persona} user`,
        target: `ours at ${int(largest)} messages ≤ 2× its time at ${int(smallest)}`,
        measured: `${times(growth)} (${ms(base.ms.ours.median)} → ${ms(r.ms.ours.median)} ms)`,
        pass: growth <= 2,
      });
    }
  }
  for (const t of [...(results.stream?.targets ?? []), ...(results.retention?.targets ?? [])]) checks.push(t);
  return checks;
}

/** Where ours' send goes: each kind of statement a send of this database runs, and the rest of the wall time. */
function sendProfile(fanout: FanoutResult[]): Section {
  const kinds = STATEMENT_KINDS.filter((kind) => fanout.some((f) => f.oursProfile.ms[kind] > 0));
  const inDatabase = (f: FanoutResult) => kinds.reduce((sum, kind) => sum + f.oursProfile.ms[kind], 0);
  return {
    title: "Fan-out: where ours' send goes (ms)",
    note:
      `Medians over ${fanout[0].oursProfile.sends} more sends of ours after the timed runs, each statement timed from its ` +
      'call to its answer (the driver\'s parsing included). "messages + counters" is one statement (PostgreSQL writes the ' +
      'counters in the WITH of the insert); "send log" is notification-manager\'s, which the official plugin\'s sends ' +
      'write too; "outside the database" is the wall time no statement was waiting on: notification-manager\'s compile ' +
      'and ours\' JavaScript. Tracking which statements are a send\'s slows the send (its wall time here is above the ' +
      'timed median): read the shares, not the totals. "Fold after" is not in the send: from the timed send\'s return ' +
      'until its counts were folded into the counters (after a 20 ms wait; on SQLite the send counts them itself), ' +
      'median / p95 over the timed sends of ours; the next turn waited for it.',
    headers: ['Receivers', ...kinds.map((kind) => kind[0].toUpperCase() + kind.slice(1)), 'Outside the database', 'Wall', 'Fold after'],
    rows: fanout.map((f) => [
      int(f.receivers),
      ...kinds.map((kind) => ms(f.oursProfile.ms[kind])),
      ms(Math.max(0, f.oursProfile.wallMs - inDatabase(f))),
      ms(f.oursProfile.wallMs),
      `${ms(f.foldMs.median)} / ${ms(f.foldMs.p95)}`,
    ]),
  };
}

function sections(results: BenchResults, checks: TargetCheck[]): Section[] {
  const out: Section[] = [
    {
      title: 'Targets',
      headers: ['Scenario', 'Target', 'Measured', 'Result'],
      rows: checks.map((c) => [c.scenario, c.target, c.measured, c.pass === null ? 'n/a' : c.pass ? 'pass' : 'FAIL']),
    },
  ];
  if (results.fanout?.length) {
    out.push({
      title: 'Fan-out: one send to N receivers',
      note:
        'Messages per second from the median of the runs (wall time of one send; median / p95 in ms below). Ours and the ' +
        'official plugin are sent through notification-manager (`send`, which also compiles the message and writes its ' +
        'send log). "Raw VALUES" is the issue\'s ceiling: the same rows as multi-row `INSERT … VALUES (…),(…)`, 1,000 rows a ' +
        'statement, into our table in one transaction through the same connection — no receiver check, no RETURNING, no ' +
        'counters, no log. Ours writes with `INSERT … SELECT` over the receivers\' user rows (the title and content cross ' +
        'the wire once per statement), so it can pass that ceiling; "Raw SELECT" is that statement alone, the database\'s ' +
        'limit for our way of writing. "Ours, 2 buttons" is ours again with an actionable message (two buttons, as an ' +
        'approval sends), which the official plugin cannot send. The sides take turns run by run; the raw rows are ' +
        'removed once a size\'s runs are over, so no timed send writes into the room their removal frees.',
      headers: [
        'Receivers', 'Ours msg/s', 'Official msg/s', 'Raw VALUES msg/s', 'Raw SELECT msg/s', 'Ours, 2 buttons msg/s',
        'Ours ÷ official', 'Ours ÷ raw VALUES', 'Ours ÷ raw SELECT', 'Ours, 2 buttons ÷ official',
      ],
      rows: results.fanout.map((f) => [
        int(f.receivers),
        ...FANOUT_SIDES.map((side) => int(messagesPerSecond(f.receivers, f.ms[side].median))),
        times(f.ms.theirs.median / f.ms.ours.median),
        pct(f.ms.raw.median / f.ms.ours.median),
        pct(f.ms.rawSelect.median / f.ms.ours.median),
        times(f.ms.theirs.median / f.ms.buttons.median),
      ]),
    });
    out.push({
      title: 'Fan-out: wall time of one send (ms, median / p95)',
      note: 'Round trips: the statements one send (the first profiled one, below) sent to the database, transaction begin ' +
        "and commit and notification-manager's send log included.",
      headers: ['Receivers', 'Ours', 'Official', 'Raw VALUES', 'Raw SELECT', 'Ours, 2 buttons', 'Runs', 'Round trips ours / official'],
      rows: results.fanout.map((f) => [
        int(f.receivers),
        ...FANOUT_SIDES.map((side) => `${ms(f.ms[side].median)} / ${ms(f.ms[side].p95)}`),
        String(f.ms.ours.runs),
        `${f.roundTrips.ours} / ${f.roundTrips.theirs}`,
      ]),
    });
    out.push(sendProfile(results.fanout));
  }
  const read = results.read ?? [];
  for (const [i, messages] of [...new Set(read.map((r) => r.messages))].sort((a, b) => b - a).entries()) {
    const rows = read.filter((r) => r.messages === messages);
    out.push({
      title: `Read path: ${int(messages)} messages`,
      note: i > 0 ? 'As above.' :
        'HTTP actions through `app.agent().login(user)`, median / p95 in ms over ' +
        `${rows[0].ms.ours.runs} runs each; run by run the plugins, the users and the data sets (each in its own app) take ` +
        'turns, so load on the shared machine hits every figure alike. Each timed request is the second of two alike ' +
        'in a row: the first, untimed, leaves the caches as that call uses them, so no figure carries what the other ' +
        'side\'s previous request left there (an official read at 1,000,000 messages scans for 0.1–4 s; in a probe, a ' +
        '390 ms scan right before a request added 1–1.8 ms to it, the no-op\'s included). Ours: myInboxChannels:list, ' +
        'myInboxMessages:count, myInboxMessages:list (first page, then `before` halfway down the history). Official: ' +
        'myInAppChannels:list, myInAppMessages:count, myInAppMessages:list (`receiveTimestamp.$lt` halfway down). ' +
        'Search: ours `q`, the official plugin\'s list with `filter: { title: { $includes } }` (its only way to search), ' +
        'for a text in the newest hundredth of the titles ("search") and one that only an old message holds ("rare ' +
        'search"). Archived: ours `status=archived` (a tenth of each user\'s messages has an archived twin, ours only); ' +
        'the official plugin keeps no archive, so its Read tab (`filter: { status: \'read\' }`) stands in. Snoozed: ours ' +
        '`status=snoozed` (a twentieth of each user\'s messages has a twin snoozed until after the run, ours only; every ' +
        'other list and count leaves the twins out), the official Read tab again. Page size 30; both answers checked ' +
        'equal before timing (archived, snoozed: ours holds only such messages). "no-op action" is the same empty action called by both ' +
        'sides: the floor any request pays in this harness (NocoBase middleware, auth, supertest), and a check that ' +
        'taking turns favours neither side.',
      headers: ['User (messages)', 'Read', 'Ours ms', 'Official ms', 'Speed-up'],
      rows: rows.map((r) => [
        `${r.persona} (${int(r.owned)})`,
        r.read,
        `${ms(r.ms.ours.median)} / ${ms(r.ms.ours.p95)}`,
        `${ms(r.ms.theirs.median)} / ${ms(r.ms.theirs.p95)}`,
        times(r.ms.theirs.median / r.ms.ours.median),
      ]),
    });
  }
  if (results.stream) out.push(...results.stream.sections);
  if (results.retention) out.push(...results.retention.sections);
  return out;
}

const pad = (cells: string[], widths: number[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');

/** The run as text for the terminal. */
export function consoleReport(results: BenchResults, checks: TargetCheck[]): string {
  return sections(results, checks)
    .map((s) => {
      const widths = s.headers.map((h, i) => Math.max(h.length, ...s.rows.map((r) => r[i].length)));
      return [`\n${s.title}`, pad(s.headers, widths), ...s.rows.map((r) => pad(r, widths))].join('\n');
    })
    .join('\n');
}

const mdRow = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;

/** BENCHMARKS.md: the machine, the versions, every figure and every target's result. */
export function markdownReport(results: BenchResults, checks: TargetCheck[]): string {
  const m = results.machine;
  const judged = checks.filter((c) => c.pass !== null);
  const failed = judged.filter((c) => !c.pass).length;
  const lines = [
    '# Benchmarks: this inbox vs @nocobase/plugin-notification-in-app-message',
    '',
    `Generated by \`npm run bench\` on ${m.date} in ${results.seconds.toFixed(0)} s — rerun it to refresh, do not edit by hand.`,
    'Each scenario boots one NocoBase app (createMockServer) with both plugins on one database and measures ours and',
    'the official plugin in turn, in the same process.',
    '',
    `**${judged.length - failed} of ${judged.length} targets met**` +
      (judged.length < checks.length ? ` (${checks.length - judged.length} not applicable at this run's scale)` : ''),
    '',
    '## Machine',
    '',
    mdRow(['', '']),
    mdRow(['---', '---']),
    ...[
      ['CPU', `${m.cpu}, ${m.cores} cores (shared with other work: load average ${m.loadAverage} at start)`],
      ['Memory', `${m.memoryGb} GB`],
      ['OS', m.os],
      ['Node.js', m.node],
      ['NocoBase', m.nocobase],
      ['Official plugin', `@nocobase/plugin-notification-in-app-message ${m.officialPlugin}`],
      ['Database', m.database],
      ['Commit', m.commit],
      ['Settings', Object.entries(results.settings).map(([k, v]) => `${k}=${v}`).join(', ')],
    ].map(mdRow),
  ];
  for (const s of sections(results, checks)) {
    lines.push('', `## ${s.title}`, '');
    if (s.note) lines.push(s.note, '');
    lines.push(mdRow(s.headers), mdRow(s.headers.map(() => '---')), ...s.rows.map(mdRow));
  }
  lines.push(
    '',
    '## How to run',
    '',
    '```sh',
    'npm run bench                                   # SQLite in memory, every scenario',
    'BENCH_SCENARIOS=fanout npm run bench            # one scenario (fanout, read, stream, retention)',
    'BENCH_MESSAGES=100000 BENCH_USERS=1000 npm run bench   # a smaller read-path data set',
    'DB_DIALECT=postgres DB_HOST=127.0.0.1 DB_PORT=5432 DB_USER=postgres DB_DATABASE=inbox_bench npm run bench',
    'DB_DIALECT=mariadb DB_HOST=127.0.0.1 DB_PORT=3306 DB_USER=root DB_DATABASE=inbox_bench npm run bench',
    '```',
    '',
    'Knobs: BENCH_RECEIVERS (1000,10000,50000), BENCH_FANOUT_RUNS (5; smaller sends more, up to 21), BENCH_SEARCH_INDEX_MS (the search index job\'s',
    'interval during the fan-out; the plugin\'s 3000 unless set), BENCH_MESSAGES (1000000), BENCH_USERS (10000),',
    'BENCH_BASE_MESSAGES (10000), BENCH_CHANNELS (20), BENCH_READ_RUNS (15), BENCH_READS (every read; a comma list of ' +
      'the read names measures those and the no-op), BENCH_STREAMS (10000, one node),',
    'BENCH_NODE_STREAMS (1000, two nodes), BENCH_STREAM_SENDS (5), BENCH_REDIS_URL (redis://127.0.0.1:6379; the two-node',
    'stream part is skipped, and says so, without it), BENCH_PUBSUB_PREFIX (prefix of the two-node pub/sub channels),',
    'BENCH_SPLIT_CORES (1: the stream clients on the upper half of the cores, the app on the rest; 0: all on every core),',
    'BENCH_PURGE_MESSAGES (1000000), BENCH_PURGE_RECEIVERS (100), BENCH_PURGE_SENDS (1000), BENCH_PURGE_BATCH (the job\'s own),',
    'BENCH_OUTPUT (BENCHMARKS.md).',
    'Runs on PostgreSQL and MariaDB (same machine, fan-out, read path and retention): bench/results/postgres.md, bench/results/mariadb.md.',
    'The database named by DB_DATABASE is emptied (and, on PostgreSQL/MariaDB, `<DB_DATABASE>_m<messages>` is created and',
    'emptied for the smaller read-path data set): never point it at one that holds data.',
    '',
  );
  return lines.join('\n');
}
