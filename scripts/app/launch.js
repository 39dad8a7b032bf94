// The steps of `npm start`, each small and skipped when its work is already done: env file, plugin build, link,
// install (first run or --fresh), plugin states, server start.
const path = require('path');
const { ensureEnvFile } = require('./env-file');
const { prepareNocoBaseEnv, appUrl } = require('./nocobase-env');
const { linkPluginPackage } = require('./plugin-link');
const { readAppState } = require('./app-state');
const { runAppCommand, runNodeScript, startServer, waitUntilHealthy } = require('./app-process');

/** The official in-app plugin: disabled so users see one bell, ours. */
const OFFICIAL_IN_APP_PACKAGE = '@nocobase/plugin-notification-in-app-message';

function storageRootOf(root) {
  return path.resolve(root, process.env.STORAGE_PATH || 'storage');
}

/** Runs `step`, logging its name and how long it took. */
async function timed(log, name, step) {
  const started = Date.now();
  log(`${name}…`);
  const result = await step();
  log(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Pure: the pm commands that bring the enabled plugins to what the demo needs. */
function pluginCommands(enabled, packageName) {
  const commands = [];
  if (!enabled.has(packageName)) commands.push(['pm', 'enable', packageName]);
  if (enabled.has(OFFICIAL_IN_APP_PACKAGE)) commands.push(['pm', 'disable', OFFICIAL_IN_APP_PACKAGE]);
  return commands;
}

async function installIfNeeded(entry, { fresh, log }) {
  const state = await readAppState();
  if (state.installed && !fresh) return state;
  await timed(log, fresh ? 'Reinstalling NocoBase from scratch' : 'Installing NocoBase (first run)', () =>
    runAppCommand(entry, fresh ? ['install', '--force'] : ['install']),
  );
  const installed = await readAppState();
  if (!installed.installed) throw new Error('NocoBase did not install: see its log above');
  return installed;
}

/** NocoBase logs a failed `pm` command and exits 0, so the outcome is read back from the database. */
async function settlePlugins(entry, state, { packageName, log }) {
  const commands = pluginCommands(state.enabled, packageName);
  for (const args of commands) await timed(log, args.join(' '), () => runAppCommand(entry, args));
  if (!commands.length) return;
  const left = pluginCommands((await readAppState()).enabled, packageName);
  if (left.length) throw new Error(`\`${left[0].join(' ')}\` did not take effect: see the log above`);
}

/**
 * Brings the app up and returns once it answers HTTP.
 * @param {{ root: string, envFile: string, fresh?: boolean, log?: (line: string) => void }} options
 * @returns {Promise<{ url: string, server: import('child_process').ChildProcess }>}
 */
async function launch({ root, envFile, fresh = false, log = console.log }) {
  const { name: packageName } = require(path.join(root, 'package.json'));
  ensureEnvFile(envFile, { root, storageRoot: storageRootOf(root) });
  await timed(log, 'Building the plugin', () => runNodeScript(path.join(root, 'scripts', 'build.js')));
  if (linkPluginPackage(root, packageName) === 'installed-copy') {
    log(`node_modules/${packageName} is an installed copy, not this repo: the app loads that copy`);
  }
  const entry = prepareNocoBaseEnv({ root, envFile });
  const state = await installIfNeeded(entry, { fresh, log });
  await settlePlugins(entry, state, { packageName, log });

  const url = appUrl();
  const server = startServer(entry);
  await timed(log, `Starting NocoBase on ${url}`, () => waitUntilHealthy(url, server));
  return { url, server };
}

module.exports = { launch, pluginCommands, OFFICIAL_IN_APP_PACKAGE };
