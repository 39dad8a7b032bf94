import type { MockServer } from '@nocobase/test';
import { execFileSync } from 'child_process';
import os from 'os';

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  loadAverage: string;
  os: string;
  node: string;
  nocobase: string;
  officialPlugin: string;
  dialect: string;
  database: string;
  commit: string;
}

const versionOf = (pkg: string): string => require(`${pkg}/package.json`).version;

async function databaseVersion(app: MockServer): Promise<string> {
  const dialect = app.db.sequelize.getDialect();
  const query = dialect === 'sqlite' ? 'SELECT sqlite_version() AS v' : 'SELECT version() AS v';
  const [row] = (await app.db.sequelize.query(query, { type: 'SELECT' })) as any[];
  const storage = dialect === 'sqlite' ? ` (${(app.db.sequelize as any).options.storage || ':memory:'})` : '';
  return `${dialect} ${String(row.v).split(' on ')[0]}${storage}`;
}

function commit(): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** Where and with what the figures were measured. */
export async function describeMachine(app: MockServer): Promise<Machine> {
  return {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' '),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    nocobase: versionOf('@nocobase/server'),
    officialPlugin: versionOf('@nocobase/plugin-notification-in-app-message'),
    dialect: app.db.sequelize.getDialect(),
    database: await databaseVersion(app),
    commit: commit(),
  };
}
