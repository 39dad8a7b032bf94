import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { ARTIFACTS_DIR, REPO_ROOT } from './paths';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { READY_LINE } = require('../../scripts/start');

const BOOT_TIMEOUT_MS = 240000;

export interface DemoApp {
  url: string;
  child: ChildProcess;
  storage: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Pure: the launcher's environment. The suite always runs on its own SQLite file, whatever DB_* or port the
 * developer's shell or .env holds, so it never touches the dev database.
 */
export function appEnv(base: NodeJS.ProcessEnv, { storage, port }: { storage: string; port: number }): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(Object.entries(base).filter(([key]) => !/^(DB_|APP_|INIT_ROOT_|LOGGER_)|^(PORT|STORAGE_PATH)$/.test(key)));
  return {
    ...kept,
    STORAGE_PATH: storage,
    APP_ENV_PATH: path.join(storage, '.env'),
    APP_PORT: String(port),
    DB_DIALECT: 'sqlite',
    DB_STORAGE: path.join(storage, 'db', 'nocobase.sqlite'),
  };
}

/** Resolves when `line` appears in the child's output; rejects if the child exits or time runs out. */
function waitForLine(child: ChildProcess, line: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the app printed no "${line}" within ${timeoutMs / 1000} s`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      if (seen.includes(line)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited (${code}) before it was ready: see ${path.join(ARTIFACTS_DIR, 'app.log')}`));
    });
  });
}

/** Starts the demo exactly as `npm start` does, on a free port and a throw-away storage directory. */
export async function startDemoApp(): Promise<DemoApp> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-e2e-'));
  const port = await freePort();
  const log = fs.createWriteStream(path.join(ARTIFACTS_DIR, 'app.log'));
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'start.js')], {
    cwd: REPO_ROOT,
    env: appEnv(process.env, { storage, port }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  await waitForLine(child, READY_LINE, BOOT_TIMEOUT_MS);
  return { url: `http://127.0.0.1:${port}`, child, storage };
}

/** Stops the launcher (it stops the server) and removes the storage directory. */
export async function stopDemoApp(app: DemoApp): Promise<void> {
  if (app.child.exitCode === null && app.child.signalCode === null) {
    const exited = new Promise((resolve) => app.child.once('exit', resolve));
    app.child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(app.storage, { recursive: true, force: true });
}
