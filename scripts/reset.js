#!/usr/bin/env node
// `npm run reset`: `npm start` from an empty database (NocoBase's `install --force` drops every table, on SQLite,
// PostgreSQL or MariaDB alike). The .env and its APP_KEY are kept.
const { run, parseArgs } = require('./start');

run({ ...parseArgs(process.argv.slice(2)), fresh: true });
