// Child processes running NocoBase's CLI entry (`node @nocobase/app/lib/index.js <command>`), with the env prepared
// by nocobase-env.js.
const { spawn } = require('child_process');
const readline = require('readline');

/** Setup commands still running, so a Ctrl-C during install stops them too. */
const running = new Set();

/** Runs `node <args>` to completion with the prepared env; rejects on a non-zero exit. */
function runNode(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: process.env });
    running.add(child);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`\`${args.join(' ')}\` exited with ${signal || code}`));
    });
  });
}

const runNodeScript = (file) => runNode([file]);

/** Runs one app command (install, pm enable …). NocoBase logs a failed command and still exits 0, so callers
 * check the outcome themselves (see launch.js). */
const runAppCommand = (entry, args) => runNode([entry, ...args]);

function stopSetupCommands(signal = 'SIGTERM') {
  for (const child of running) child.kill(signal);
}

/** Pure: the gateway's log line for a request refused while the app boots, which our health polling causes. */
const isBootRefusalLog = (line) => line.includes('responseErrorWithCode') && /APP_(COMMANDING|PREPARING|INITIALIZING)/.test(line);

/** Copies a stream line by line, leaving out what `drop` matches. */
function forwardLines(from, to, drop) {
  readline.createInterface({ input: from }).on('line', (line) => {
    if (!drop(line)) to.write(`${line}\n`);
  });
}

/**
 * Starts the server. It runs in its own process group so a terminal Ctrl-C reaches only this launcher, which
 * forwards exactly one signal: NocoBase's gateway handles the first SIGINT/SIGTERM gracefully and a second
 * one would kill it mid-shutdown. Its output is forwarded, without the refusals of our own boot-time probes.
 */
function startServer(entry) {
  const child = spawn(process.execPath, [entry, 'start'], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env, detached: true });
  forwardLines(child.stdout, process.stdout, isBootRefusalLog);
  forwardLines(child.stderr, process.stderr, isBootRefusalLog);
  return child;
}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Asks the server to stop, waits for it, and kills it if it has not exited after `graceMs`. */
function stopServer(child, { signal = 'SIGTERM', graceMs = 15000 } = {}) {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls NocoBase's health check until the app answers, the child dies, or `timeoutMs` passes. */
async function waitUntilHealthy(url, child, { timeoutMs = 180000, intervalMs = 500 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error(`the server exited (${child.signalCode || child.exitCode}) before answering`);
    try {
      const response = await fetch(`${url}/api/__health_check`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
  throw new Error(`no answer from ${url} after ${timeoutMs / 1000} s`);
}

module.exports = { runNodeScript, runAppCommand, stopSetupCommands, startServer, stopServer, waitUntilHealthy };
