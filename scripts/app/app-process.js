// Child processes: the build, NocoBase's CLI commands (`node @nocobase/app/lib/index.js <command>`) and the server,
// with the env prepared by nocobase-env.js. Every child is tracked until it exits, so stopping the launcher at any
// moment (during install, while the server boots, once it runs) stops what it started.
const { spawn } = require('child_process');
const readline = require('readline');

const children = new Set();

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

const exited = (child) => child.exitCode !== null || child.signalCode !== null;

/** Runs `node <args>` to completion (the build, or one `nocobase <command>`); rejects on a non-zero exit. */
function runNode(args) {
  return new Promise((resolve, reject) => {
    const child = track(spawn(process.execPath, args, { stdio: 'inherit', env: process.env }));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`\`${args.join(' ')}\` exited with ${signal || code}`));
    });
  });
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
 * Starts the server (`nocobase start …`). It runs in its own process group so a terminal Ctrl-C reaches only this
 * launcher, which forwards exactly one signal: NocoBase's gateway handles the first SIGINT/SIGTERM gracefully and a
 * second one would kill it mid-shutdown. Its output is forwarded, without the refusals of our own boot-time probes.
 */
function startServer(entry, args) {
  const child = track(spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env, detached: true }));
  forwardLines(child.stdout, process.stdout, isBootRefusalLog);
  forwardLines(child.stderr, process.stderr, isBootRefusalLog);
  return child;
}

/** Sends `signal`, waits for the exit, and kills the child if it is still there after `graceMs`. */
function stopChild(child, { signal, graceMs }) {
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

/** Stops every child still running and waits for them. */
function stopAll({ signal = 'SIGTERM', graceMs = 15000 } = {}) {
  return Promise.all([...children].map((child) => stopChild(child, { signal, graceMs })));
}

/** For process 'exit' handlers, where nothing can be awaited. */
function signalAll(signal = 'SIGTERM') {
  for (const child of children) child.kill(signal);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls NocoBase's health check (200 only once the app runs) until it answers, the child dies, or time is up. */
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

module.exports = { runNode, startServer, stopAll, signalAll, waitUntilHealthy };
