#!/usr/bin/env node
// Builds what NocoBase loads: dist/server (CommonJS, one file per source file, so collection directories
// still import), dist/client/index.js and dist/client-v2/index.js (named AMD modules the classic and the modern UI
// load with requirejs), dist/locale.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const { name: pkg } = require(path.join(root, 'package.json'));
const dist = path.join(root, 'dist');

// Modules the NocoBase UI already defines in requirejs; everything else is bundled.
const CLIENT_EXTERNALS = [
  'react', 'react-dom', 'react/jsx-runtime', 'react-router-dom', 'react-i18next', 'i18next', 'antd', 'antd-style',
  '@ant-design/icons', '@nocobase/client', '@nocobase/utils/client', '@nocobase/sdk', 'lodash', 'dayjs', 'ahooks',
  '@formily/react', '@formily/core', '@formily/shared', '@formily/antd-v5', '@formily/reactive', '@formily/json-schema',
  '@nocobase/plugin-notification-manager/client', '@nocobase/plugin-workflow/client',
  '@nocobase/plugin-notification-manager/client-v2', '@nocobase/plugin-workflow/client-v2',
];

const walk = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : walk(full);
    return /\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name) ? [full] : [];
  });

async function buildServer() {
  const entryPoints = ['server', 'shared', 'swagger'].flatMap((dir) => walk(path.join(root, 'src', dir)));
  await esbuild.build({ entryPoints, outdir: dist, outbase: path.join(root, 'src'), format: 'cjs', platform: 'node', target: 'node18', sourcemap: false, logLevel: 'warning' });
}

/** One browser entry as a named AMD module (`define("<id>", [externals…], …)`) that the UI loads with requirejs. */
async function buildAmd({ entry, id, out, externals }) {
  const result = await esbuild.build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'es2019',
    jsx: 'automatic',
    minify: process.env.NODE_ENV !== 'development',
    external: externals,
    write: false,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV || 'production') },
  });
  const code = result.outputFiles[0].text;
  const deps = ['require', 'exports', 'module', ...externals.filter((m) => code.includes(`require("${m}")`))];
  const amd = `define(${JSON.stringify(id)}, ${JSON.stringify(deps)}, function (require, exports, module) {\n${code}\n});\n`;
  fs.mkdirSync(path.join(dist, path.dirname(out)), { recursive: true });
  fs.writeFileSync(path.join(dist, out), amd);
}

function buildClient() {
  return buildAmd({ entry: 'src/client/index.tsx', id: pkg, out: 'client/index.js', externals: CLIENT_EXTERNALS });
}

// The modern client (`/v/`) loads `<pkg>/client-v2` from dist/client-v2/index.js (the server lists it when the
// package has a root `client-v2.js`); its own APIs come from @nocobase/client-v2 and @nocobase/flow-engine.
const CLIENT_V2_EXTERNALS = [...CLIENT_EXTERNALS, '@nocobase/client-v2', '@nocobase/flow-engine'];

function buildClientV2() {
  return buildAmd({ entry: 'src/client-v2/index.tsx', id: `${pkg}/client-v2`, out: 'client-v2/index.js', externals: CLIENT_V2_EXTERNALS });
}

// Runtime dependencies of the server that a NocoBase app does not provide: each bundled into one file under
// dist/node_modules, as official plugins carry theirs, so a plugin installed from its tarball (Plugin manager →
// Upload, storage/plugins) loads without npm. Node finds dist/node_modules from dist/server before the app's.
const SERVER_RUNTIME_DEPS = ['ioredis'];

async function bundleServerDeps() {
  for (const dep of SERVER_RUNTIME_DEPS) {
    const manifest = require(require.resolve(`${dep}/package.json`, { paths: [root] }));
    const outdir = path.join(dist, 'node_modules', dep);
    await esbuild.build({
      entryPoints: [require.resolve(dep, { paths: [root] })],
      outfile: path.join(outdir, 'index.js'),
      bundle: true, format: 'cjs', platform: 'node', target: 'node18', logLevel: 'warning',
    });
    const { name, version, license } = manifest;
    fs.writeFileSync(path.join(outdir, 'package.json'), JSON.stringify({ name, version, license, main: 'index.js' }, null, 2));
    const licenseFile = path.join(path.dirname(require.resolve(`${dep}/package.json`, { paths: [root] })), 'LICENSE');
    if (fs.existsSync(licenseFile)) fs.copyFileSync(licenseFile, path.join(outdir, 'LICENSE'));
  }
}

function copyLocales() {
  fs.cpSync(path.join(root, 'src/locale'), path.join(dist, 'locale'), { recursive: true });
}

(async () => {
  fs.rmSync(dist, { recursive: true, force: true });
  await Promise.all([buildServer(), bundleServerDeps(), buildClient(), buildClientV2()]);
  copyLocales();
  console.log(`built ${path.relative(root, dist)}/{server,client,client-v2,locale}`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
