import fs from 'fs';
import path from 'path';
import { APP_STORAGE_ENV } from './paths';

/** Lines NocoBase logs at these levels are what tells a stuck or failed execution apart. */
const NOTABLE = /\[(error|warn)\]/;

/** Every file under `dir`, depth first; none when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * The last warnings and errors the app started for the suites logged about workflows (the dispatcher's log, the
 * workflow's own, and the system error log), for a failure message: a workflow runs on the server, out of the
 * test's sight, and the app's storage is gone once the suites end.
 */
export function workflowLogTail(workflowId: number | string, lines = 20): string {
  const storage = process.env[APP_STORAGE_ENV];
  if (!storage) return '(the app was not started by the suites: its logs are where it keeps them)';
  const logs = filesUnder(path.join(storage, 'logs')).filter(
    (file) => /system_error/.test(path.basename(file)) || [`${path.sep}dispatcher${path.sep}`, `${path.sep}${workflowId}${path.sep}`].some((part) => file.includes(part)),
  );
  const notable = logs.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').filter((line) => NOTABLE.test(line)).map((line) => line.slice(0, 400)));
  return notable.length ? notable.slice(-lines).join('\n') : '(no warning or error logged)';
}
