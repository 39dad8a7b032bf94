#!/usr/bin/env node
// `npm run bench:import` (see official-import.ts). SQLite goes to a throw-away file, not memory, so the peak
// memory measured is the import's, not the database's.
const fs = require('fs');
const os = require('os');
const path = require('path');

const file = path.join(os.tmpdir(), `inbox-import-bench-${process.pid}.sqlite`);
if (!process.env.DB_DIALECT || process.env.DB_DIALECT === 'sqlite') process.env.DB_STORAGE ||= file;
process.on('exit', () => fs.rmSync(file, { force: true }));
require('./register');
require('./official-import.ts');
