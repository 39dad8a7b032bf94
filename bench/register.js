// Runs TypeScript the way the jest `server` project does (the same env, the same @swc transform), so the
// bench loads the plugin from src/ with its real __dirname (its collections are imported from a directory).
const fs = require('fs');
const Module = require('module');
const swc = require('@swc/core');

require('../testing/setup-env');

const options = (filename) => ({
  filename,
  sourceMaps: 'inline',
  jsc: { parser: { syntax: 'typescript', tsx: filename.endsWith('.tsx') }, target: 'es2021' },
  module: { type: 'commonjs' },
});

for (const extension of ['.ts', '.tsx']) {
  Module._extensions[extension] = (module, filename) => {
    const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), options(filename));
    module._compile(code, filename);
  };
}
