#!/usr/bin/env node
// `npm start`: NocoBase 2.2.15 (prebuilt UI from @nocobase/app) with this plugin built and enabled, the demo seeded,
// on 127.0.0.1:$APP_PORT (13000). First run installs; later runs start what is there. Ctrl-C stops it.
//   --fresh     reinstall from an empty database (what `npm run reset` does)
//   --no-demo   skip the demo data
const path = require('path');
const { launch } = require('./app/launch');
const { signalAll, stopAll } = require('./app/app-process');
const { seedDemo } = require('./demo');
const { SALES_USERS } = require('./demo/demo-data');

const root = path.resolve(__dirname, '..');

/** A fixed line the browser tests wait for: the app answers and the demo is in place. */
const READY_LINE = 'NocoBase is ready at';

const log = (line) => console.log(`[start] ${line}`);

function parseArgs(argv) {
  return { fresh: argv.includes('--fresh'), demo: !argv.includes('--no-demo') };
}

function banner({ url, leadsPath }) {
  const admin = `${process.env.INIT_ROOT_EMAIL} / ${process.env.INIT_ROOT_PASSWORD}`;
  const sales = SALES_USERS.map((user) => `${user.email} / ${user.password}`).join(', ');
  return [
    '',
    `  ${READY_LINE} ${url}`,
    '',
    `  admin (root)    ${admin}`,
    ...(leadsPath
      ? [
          `  sales users     ${sales}`,
          '',
          `  Create a lead on ${url}${leadsPath} as admin: the sales users get an in-app message`,
          '  in the "Marketing Clue" channel (bell at the top right), whose View link opens the lead.',
        ]
      : []),
    '',
    '  Ctrl-C stops the app; `npm run reset` starts again from an empty database.',
    '',
  ].join('\n');
}

/** Seeds the demo; a failure leaves the app running and says why. */
async function trySeed(url) {
  try {
    return await seedDemo({ url, account: process.env.INIT_ROOT_EMAIL, password: process.env.INIT_ROOT_PASSWORD });
  } catch (error) {
    log(`the demo data could not be created: ${error.message}`);
    return {};
  }
}

/** Set once a signal asked us to stop: whatever fails afterwards is the stop, not an error. */
let stopping = false;

async function main({ fresh = false, demo = true } = {}) {
  const envFile = path.resolve(root, process.env.APP_ENV_PATH || '.env');

  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await stopAll({ signal });
    process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // the server has its own process group: if this launcher dies, take it down too
  process.on('exit', () => signalAll());

  const { url, server } = await launch({ root, envFile, fresh, log });
  server.on('exit', (code, signal) => {
    if (stopping) return;
    log(`NocoBase exited (${signal || code})`);
    process.exit(code || 1);
  });

  const seeded = demo ? await trySeed(url) : {};
  if (!stopping) console.log(banner({ url, leadsPath: seeded.leadsPath }));
}

function run(options) {
  main(options).catch((error) => {
    if (stopping) return;
    console.error(`[start] ${error.message}`);
    process.exit(1);
  });
}

if (require.main === module) run(parseArgs(process.argv.slice(2)));

module.exports = { run, parseArgs, READY_LINE };
