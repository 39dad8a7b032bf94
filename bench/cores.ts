import { execFileSync } from 'child_process';
import { config } from './config';

/**
 * The stream bench's browsers stand for people on other machines: with two cores or more and Linux's `taskset`, their
 * processes run on the upper half of the cores this process may use and the app on the lower half, so that neither
 * takes the other's (opening thousands of sockets and parsing their events is work a server never does for its
 * clients).
 */
export interface CoreSplit {
  /** Each side's cores, as taskset takes them ("0,1"). */
  app: string;
  clients: string;
  /** Every core this process was allowed at first. */
  all: string;
}

/** Pure: the cores of a taskset list ("0-2,5" → 0, 1, 2, 5). */
export function parseCoreList(list: string): number[] {
  return list
    .trim()
    .split(',')
    .filter(Boolean)
    .flatMap((part) => {
      const [from, to = from] = part.split('-').map(Number);
      return Array.from({ length: to - from + 1 }, (_, i) => from + i);
    });
}

/** Pure: the lower half of `cores` (rounded up) for the app, the rest for the clients; undefined below two. */
export function splitCores(cores: number[]): CoreSplit | undefined {
  if (cores.length < 2) return undefined;
  const half = Math.ceil(cores.length / 2);
  return { app: cores.slice(0, half).join(','), clients: cores.slice(half).join(','), all: cores.join(',') };
}

/** The cores this process may run on; undefined where taskset is missing. */
function allowedCores(): number[] | undefined {
  try {
    const answer = execFileSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8' });
    return parseCoreList(answer.slice(answer.lastIndexOf(':') + 1));
  } catch {
    return undefined;
  }
}

export const CORES: CoreSplit | undefined = config.stream.splitCores ? splitCores(allowedCores() ?? []) : undefined;

/** Every thread of process `pid` (and those it starts later) on `cores` only. */
export function pin(pid: number, cores: string): void {
  execFileSync('taskset', ['-apc', cores, String(pid)], { stdio: 'ignore' });
}

/** Runs `work` with this process on the app's cores, then gives it back the cores it had. */
export async function onAppCores<T>(work: () => Promise<T>): Promise<T> {
  if (!CORES) return work();
  pin(process.pid, CORES.app);
  try {
    return await work();
  } finally {
    pin(process.pid, CORES.all);
  }
}
