import { AsyncLocalStorage } from 'async_hooks';
import type { MockServer } from '@nocobase/test';
import { median } from './stats';

/** What a statement of a send does, told from its text. */
export type StatementKind = 'begin' | 'messages' | 'counters' | 'messages + counters' | 'commit' | 'send log' | 'other';
export const STATEMENT_KINDS: StatementKind[] = ['begin', 'messages', 'counters', 'messages + counters', 'commit', 'send log', 'other'];

/** The tables a send writes, each as its statements name it (quoted). */
export interface SendTables {
  messages: string;
  counters: string;
  /** where a send registers its counting for the fold (PendingCounts): counted as counters */
  pending: string;
  sendLog: string;
}

/** Pure: the kind of `sql`. PostgreSQL's send writes the messages and their counters in one statement (a WITH). */
export function statementKind(sql: string, tables: SendTables): StatementKind {
  const text = sql.trimStart();
  if (/^(START TRANSACTION|BEGIN)\b/i.test(text)) return 'begin';
  if (/^COMMIT\b/i.test(text)) return 'commit';
  const [messages, counters, pending] = [tables.messages, tables.counters, tables.pending].map((table) => text.includes(`INSERT INTO ${table}`));
  if (messages && (counters || pending)) return 'messages + counters';
  if (messages) return 'messages';
  if (counters || pending) return 'counters';
  if (text.includes(tables.sendLog)) return 'send log';
  return 'other';
}

export interface StatementProfile {
  /** Statements sent (each one round trip to the database). */
  statements: number;
  /** Time from each statement's call to its answer, summed by kind. */
  ms: Record<StatementKind, number>;
  /** Wall time of the whole work. */
  wallMs: number;
}

const textOf = (sql: unknown): string =>
  typeof sql === 'string' ? sql : typeof (sql as { query?: unknown })?.query === 'string' ? (sql as { query: string }).query : '';

/**
 * The statements `work` sends through the app's sequelize, timed. Only its own: a periodic job's query meanwhile runs
 * outside `work`'s async context and is not counted.
 */
export async function profileStatements(app: MockServer, tables: SendTables, work: () => Promise<void>): Promise<StatementProfile> {
  const sequelize = app.db.sequelize as unknown as { query: (...args: unknown[]) => Promise<unknown> };
  const query = sequelize.query;
  const context = new AsyncLocalStorage<true>();
  const profile: StatementProfile = { statements: 0, ms: Object.fromEntries(STATEMENT_KINDS.map((k) => [k, 0])) as StatementProfile['ms'], wallMs: 0 };
  sequelize.query = async function (this: unknown, ...args: unknown[]) {
    if (!context.getStore()) return query.apply(this, args);
    profile.statements++;
    const started = process.hrtime.bigint();
    try {
      return await query.apply(this, args);
    } finally {
      profile.ms[statementKind(textOf(args[0]), tables)] += Number(process.hrtime.bigint() - started) / 1e6;
    }
  };
  const started = process.hrtime.bigint();
  try {
    await context.run(true, work);
  } finally {
    profile.wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    sequelize.query = query;
  }
  return profile;
}

/** Several sends' profiles in one: each figure the median of its own. */
export interface ProfileSummary {
  ms: Record<StatementKind, number>;
  wallMs: number;
  sends: number;
}

/** Pure: the median of each kind's time, and of the wall time, over `profiles`. */
export function medianProfile(profiles: StatementProfile[]): ProfileSummary {
  const ms = Object.fromEntries(STATEMENT_KINDS.map((kind) => [kind, median(profiles.map((p) => p.ms[kind]))])) as ProfileSummary['ms'];
  return { ms, wallMs: median(profiles.map((p) => p.wallMs)), sends: profiles.length };
}
