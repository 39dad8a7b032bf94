import { ChildProcess, fork } from 'child_process';
import path from 'path';

/**
 * A TypeScript file of the bench in a process of its own, loaded as the bench loads itself (the same node flags, the
 * same transform); talks over IPC with structured clones, so figures such as NaN and Infinity cross as they are.
 */
export const forkTs = (file: string, node: string[] = []): ChildProcess =>
  fork(path.join(__dirname, file), [], {
    execArgv: [...process.execArgv, ...node, '-r', path.join(__dirname, 'register.js')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
