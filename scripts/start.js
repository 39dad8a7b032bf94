#!/usr/bin/env node
// `npm start`: NocoBase 2.2.15 (prebuilt UI from @nocobase/app) with this plugin built and enabled, the demo seeded,
// on 127.0.0.1:$APP_PORT (13000). Ctrl-C stops it.
//   --fresh     reinstall from an empty database (what `npm run reset` does)
//   --no-demo   skip the demo data
// The sequence: build this plugin → NocoBase's env (cli-v1's, with this plugin appended to the preset) →
// `nocobase start --quickstart`, which installs on the first run (enabling the preset, this plugin included) and
// starts what is there afterwards → the official in-app plugin disabled → the demo seeded → the ready banner.
const path = require('path');
const { ensureEnvFile } = require('./app/env-file');
const { prepareNocoBaseEnv, appUrl } = require('./app/nocobase-env');
const { linkPluginPackage } = require('./app/plugin-link');
const { runNode, startServer, signalAll, stopAll, waitUntilHealthy } = require('./app/app-process');
const { createApiClient } = require('./demo/api-client');
const { seedDemo } = require('./demo');
const { SALES_USERS } = require('./demo/demo-data');

const root = path.resolve(__dirname, '..');
const { name: PACKAGE } = require(path.join(root, 'package.json'));

/** The official in-app plugin, part of NocoBase's preset: disabled so users see one bell, ours. */
const OFFICIAL_IN_APP_PACKAGE = '@nocobase/plugin-notification-in-app-message';

/** A fixed line the browser tests wait for: the app answers and the demo is in place. */
const READY_LINE = 'NocoBase is ready at';

const log = (line) => console.log(`[start] ${line}`);

function parseArgs(argv) {
  return { fresh: argv.includes('--fresh'), demo: !argv.includes('--no-demo') };
}

/** Runs `step`, logging its name and how long it took. */
async function timed(name, step) {
  const started = Date.now();
  log(`${name}…`);
  const result = await step();
  log(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
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

/** The plugin manager's Disable, for the official plugin while it is enabled (install enables the whole preset). */
async function disableOfficialInApp(api) {
  const official = await api.get('pm:get', { filterByTk: OFFICIAL_IN_APP_PACKAGE });
  if (!official.enabled) return false;
  await api.post('pm:disable', undefined, { filterByTk: OFFICIAL_IN_APP_PACKAGE, awaitResponse: true });
  return true;
}

/** Seeds the demo; a failure leaves the app running and says why. */
async function trySeed(api) {
  try {
    return await seedDemo(api);
  } catch (error) {
    log(`the demo data could not be created: ${error.message}`);
    return {};
  }
}

/** Set once a signal asked us to stop: whatever fails afterwards is the stop, not an error. */
let stopping = false;

function stopOnSignals() {
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
}

/** This launcher ends with the server: a server that exits on its own takes the launcher with it. */
function exitWith(server) {
  server.on('exit', (code, signal) => {
    if (stopping) return;
    log(`NocoBase exited (${signal || code})`);
    process.exit(code || 1);
  });
  return server;
}

async function main({ fresh = false, demo = true } = {}) {
  stopOnSignals();
  const envFile = path.resolve(root, process.env.APP_ENV_PATH || '.env');
  ensureEnvFile(envFile, { root, storageRoot: path.resolve(root, process.env.STORAGE_PATH || 'storage') });

  await timed('Building the plugin', () => runNode([path.join(__dirname, 'build.js')]));
  if (linkPluginPackage(root, PACKAGE) === 'installed-copy') {
    log(`node_modules/${PACKAGE} is an installed copy, not this repo: the app loads that copy`);
  }

  const nocobase = prepareNocoBaseEnv({ root, envFile, presetPlugins: [PACKAGE] });
  if (fresh) await timed('nocobase install --force', () => runNode([nocobase, 'install', '--force']));
  const url = appUrl();
  const server = exitWith(startServer(nocobase, ['start', '--quickstart']));
  await timed(`nocobase start --quickstart on ${url}`, () => waitUntilHealthy(url, server));

  const api = createApiClient(url);
  await api.signIn(process.env.INIT_ROOT_EMAIL, process.env.INIT_ROOT_PASSWORD);
  if (await disableOfficialInApp(api)) log(`disabled ${OFFICIAL_IN_APP_PACKAGE}: one bell, ours`);
  const seeded = demo ? await trySeed(api) : {};
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

module.exports = { run, parseArgs, disableOfficialInApp, READY_LINE };
