// Prepares process.env the way NocoBase's own CLI does (cli-v1's initEnv + generateAppDir), then adds what a plugin
// developed outside the NocoBase monorepo needs. Every app command inherits this environment.
const path = require('path');

const PLUGIN_PREFIX = '@inbox/plugin-';

function appendListItem(list, item) {
  const items = (list || '').split(',').filter(Boolean);
  return items.includes(item) ? items.join(',') : [...items, item].join(',');
}

/**
 * cli-v1 adds --preserve-symlinks; with it our package, linked into node_modules from the repo root, would load
 * NocoBase's packages a second time through the link (node_modules/@inbox/x/node_modules/...), and
 * `pm.get(PluginClass)` would miss the app's instances. Without it the link resolves to the repo and shares them.
 */
function withoutPreserveSymlinks(nodeOptions) {
  return (nodeOptions || '').split(/\s+/).filter((flag) => flag && flag !== '--preserve-symlinks').join(' ');
}

/**
 * Pure: what `npm start` adds to cli-v1's environment for a plugin developed outside the NocoBase monorepo.
 * `presetPlugins` join NocoBase's preset (APPEND_PRESET_BUILT_IN_PLUGINS), so `install` and `start --quickstart`
 * enable them with the built-in ones. `start --quickstart` upgrades an installed app only when NocoBase's version
 * changed (SKIP_SAME_VERSION_UPGRADE, unless set otherwise): a same-version upgrade would take time and re-enable
 * every preset plugin, the official in-app one included.
 */
function launcherEnv(env, { presetPlugins = [] } = {}) {
  return {
    PLUGIN_PACKAGE_PREFIX: appendListItem(env.PLUGIN_PACKAGE_PREFIX, PLUGIN_PREFIX),
    APPEND_PRESET_BUILT_IN_PLUGINS: presetPlugins.reduce(appendListItem, env.APPEND_PRESET_BUILT_IN_PLUGINS || ''),
    SKIP_SAME_VERSION_UPGRADE: env.SKIP_SAME_VERSION_UPGRADE || 'true',
    NODE_OPTIONS: withoutPreserveSymlinks(env.NODE_OPTIONS),
  };
}

/**
 * Reads the env file (values already in process.env win), fills NocoBase's defaults, and returns the app's
 * CLI entry point (what `nocobase <command>` runs). `PORT` is accepted as a friendlier alias of APP_PORT.
 */
function prepareNocoBaseEnv({ root, envFile, presetPlugins }) {
  process.chdir(root); // initEnv resolves .env, storage/ and node_modules/ from the working directory
  process.env.APP_ENV_PATH = envFile;
  if (process.env.PORT && !process.env.APP_PORT) process.env.APP_PORT = process.env.PORT;

  const cli = require(require.resolve('@nocobase/cli-v1/src/util', { paths: [root] }));
  cli.initEnv();
  cli.generateAppDir();

  Object.assign(process.env, launcherEnv(process.env, { presetPlugins }));
  return path.join(process.env.APP_PACKAGE_ROOT, 'lib', 'index.js');
}

/** The address to open: a wildcard bind (0.0.0.0, ::) is reached through loopback. */
function appUrl() {
  const host = process.env.APP_HOST || '127.0.0.1';
  const reachable = ['0.0.0.0', '::', ''].includes(host) ? '127.0.0.1' : host;
  return `http://${reachable}:${process.env.APP_PORT}`;
}

module.exports = { prepareNocoBaseEnv, launcherEnv, appUrl };
