#!/usr/bin/env node
// `npm run bench`: loads the TypeScript bench (and the plugin's src) with the jest transforms, then runs it.
require('./register');
require('./main.ts');
