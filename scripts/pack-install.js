#!/usr/bin/env node
// CI check (`npm run test:pack`): the packed plugin installs the way the README tells NocoBase users to, into a
// throw-away NocoBase 2.2.15 app that cannot reach this repository's node_modules. The app gets its own copy of
// NocoBase's installed packages (hard links, so it costs seconds, not a gigabyte) without this plugin and without
// the plugin's own runtime dependencies; then `install`, `pm add <tarball>`, `pm enable`, `start`, and HTTP checks:
// a channel of our type receives a send, the bell's bundle is served, the API documentation lists our actions.
const { execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { runNode, startServer, stopAll, waitUntilHealthy } = require('./app/app-process');
const { ensureEnvFile, DEMO_ROOT: ROOT_USER } = require('./app/env-file');

const root = path.resolve(__dirname, '..');
const { name: PACKAGE, dependencies = {} } = require(path.join(root, 'package.json'));
// what the app must not find in its node_modules: this plugin, and what the plugin has to bring itself
const LEFT_OUT = new Set([PACKAGE.split('/')[0], ...Object.keys(dependencies), '.package-lock.json']);

const log = (line) => console.log(`[pack-install] ${line}`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** `npm pack` of the built package; answers the tarball's path. */
function pack(dir) {
  const output = execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: root, encoding: 'utf8' });
  return path.join(dir, output.trim().split('\n').pop());
}

/** The app's node_modules: every installed package but the left-out ones, hard-linked (copied across devices). */
function copyNodeModules(app) {
  const from = path.join(root, 'node_modules');
  const to = path.join(app, 'node_modules');
  fs.mkdirSync(to, { recursive: true });
  const entries = fs.readdirSync(from).filter((name) => !LEFT_OUT.has(name));
  try {
    execFileSync('cp', ['-al', ...entries.map((name) => path.join(from, name)), to]);
  } catch {
    execFileSync('cp', ['-a', ...entries.map((name) => path.join(from, name)), to]);
  }
  for (const name of LEFT_OUT) {
    if (fs.existsSync(path.join(to, name))) throw new Error(`node_modules/${name} must not be in the throw-away app`);
  }
}

/** The environment NocoBase's CLI gives an app in `dir` (from the app's own copy of the CLI); answers its entry. */
function prepareApp(app, port) {
  process.chdir(app);
  for (const key of Object.keys(process.env)) if (/^(DB_|APP_|INIT_ROOT_|NODE_MODULES_PATH|NODE_PATH|STORAGE_PATH|PLUGIN_)/.test(key)) delete process.env[key];
  ensureEnvFile(path.join(app, '.env'), { root: app, storageRoot: path.join(app, 'storage') });
  process.env.APP_PORT = String(port);
  const cli = require(path.join(app, 'node_modules/@nocobase/cli-v1/src/util'));
  cli.initEnv();
  cli.generateAppDir();
  return path.join(process.env.APP_PACKAGE_ROOT, 'lib', 'index.js');
}

async function api(url, pathname, { token, body } = {}) {
  const response = await fetch(`${url}/api/${pathname}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'Content-Type': 'application/json', 'X-Authenticator': 'basic', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${pathname}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

function expect(condition, what) {
  if (!condition) throw new Error(`expected ${what}`);
  log(`ok: ${what}`);
}

async function check(url) {
  const { data: signedIn } = await api(url, 'auth:signIn', { body: { account: ROOT_USER.email, password: ROOT_USER.password } });
  const token = signedIn.token;
  await api(url, 'notificationChannels:create', {
    token,
    body: { name: 'pack_check', title: 'Pack check', notificationType: 'in-app-inbox', options: {}, description: '' },
  });
  // the stock notification node's "test" sends through notification-manager, hence through our channel type
  const { data: sent } = await api(url, 'flow_nodes:test', {
    token,
    body: { type: 'notification', config: { channelName: 'pack_check', receivers: [signedIn.user.id], title: 'Packed', content: 'hi', options: { url: '/admin' } } },
  });
  expect(sent.status === 1, `a send through a channel of our type succeeds (job status ${sent.status}: ${JSON.stringify(sent.result).slice(0, 200)})`);
  const { data: list } = await api(url, 'myInboxMessages:list', { token });
  expect(list.some((m) => m.title === 'Packed' && m.url === '/admin'), 'the message is in the inbox with its link');
  const bundle = await fetch(`${url}/static/plugins/${PACKAGE}/dist/client/index.js`);
  expect(bundle.ok && (await bundle.text()).startsWith(`define(${JSON.stringify(PACKAGE)}`), "the bell's bundle is served");
  // the documentation plugin lists a document per plugin under its title; ours is fetched from the URL it gives
  const swaggerTitle = require(path.join(root, 'dist/swagger')).default.info.title;
  const { data: urls } = await api(url, 'swagger:getUrls', { token });
  const ours = urls.find((entry) => entry.name === swaggerTitle);
  expect(!!ours, `the API documentation lists "${swaggerTitle}"`);
  const swagger = await api(url, ours.url.replace(/^\/api\//, ''), { token });
  expect(!!swagger.paths?.['/inboxSettings:importOfficial'], 'its document describes our actions');
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-pack-'));
  const app = path.join(work, 'app');
  try {
    log('building and packing');
    await runNode([path.join(root, 'scripts', 'build.js')]);
    const tarball = pack(work);
    log(`copying NocoBase's packages (without ${[...LEFT_OUT].join(', ')}) into ${app}`);
    copyNodeModules(app);
    const entry = prepareApp(app, await freePort());
    await runNode([entry, 'install']);
    await runNode([entry, 'pm', 'add', tarball]);
    await runNode([entry, 'pm', 'enable', PACKAGE, '@nocobase/plugin-api-doc']);
    const url = `http://127.0.0.1:${process.env.APP_PORT}`;
    const server = startServer(entry, ['start']);
    await waitUntilHealthy(url, server);
    await check(url);
    log('passed');
  } finally {
    await stopAll();
    process.chdir(root);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`[pack-install] FAILED: ${error.stack || error.message}`);
  process.exit(1);
});
