import { execFileSync } from 'child_process';
import os from 'os';
import { config } from './config';

/**
 * The stream bench's browsers stand for people on other machines: with two cores or more and Linux's `taskset`, their
 * processes run on the upper half of the cores and the app on the lower half, so that neither takes the other's
 * (opening thousands of sockets and parsing their events is work a server never does for its clients).
 */
export interface CoreSplit {
  app: string;
  clients: string;
}

const hasTaskset = (): boolean => {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Pure: the cores of each side, as taskset lists them; undefined below two cores. */
export function splitCores(count: number): CoreSplit | undefined {
  if (count < 2) return undefined;
  const appCores = Math.ceil(count / 2);
  const range = (from: number, to: number) => (from === to ? String(from) : `${from}-${to}`);
  return { app: range(0, appCores - 1), clients: range(appCores, count - 1) };
}

export const CORES: CoreSplit | undefined = config.stream.splitCores && hasTaskset() ? splitCores(os.cpus().length) : undefined;

/** Every thread of process `pid` (and those it starts later) on `cores` only. */
export function pin(pid: number, cores: string): void {
  execFileSync('taskset', ['-apc', cores, String(pid)], { stdio: 'ignore' });
}

/** Runs `work` with this process on the app's cores, then gives it every core back. */
export async function onAppCores<T>(work: () => Promise<T>): Promise<T> {
  if (!CORES) return work();
  pin(process.pid, CORES.app);
  try {
    return await work();
  } finally {
    pin(process.pid, `0-${os.cpus().length - 1}`);
  }
}
