// The app's .env: written once with working defaults (APP_KEY generated then), afterwards left as the user edited it.
// Variables already set in the shell win over the file (NocoBase's dotenv load never overrides), so `PORT=14000 npm start` or
// DB_* in the environment need no edit here.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { parseEnv } = require('util');

const DEFAULT_PORT = '13000';

const DEMO_ROOT = Object.freeze({
  email: 'admin@nocobase.com',
  password: 'admin123',
  username: 'nocobase',
});

/** Where the sqlite file goes, written relative to the repo when it lives inside it. */
function sqliteStoragePath(root, storageRoot) {
  const file = path.join(storageRoot, 'db', 'nocobase.sqlite');
  const relative = path.relative(root, file);
  return relative.startsWith('..') ? file : relative;
}

function defaultEnv({ root, storageRoot }) {
  return {
    APP_ENV: 'production',
    APP_HOST: '127.0.0.1',
    APP_PORT: DEFAULT_PORT,
    APP_KEY: crypto.randomBytes(32).toString('hex'),
    LOGGER_LEVEL: 'error',
    LOGGER_FORMAT: 'console',
    DB_DIALECT: 'sqlite',
    DB_STORAGE: sqliteStoragePath(root, storageRoot),
    INIT_ROOT_EMAIL: DEMO_ROOT.email,
    INIT_ROOT_PASSWORD: DEMO_ROOT.password,
    INIT_ROOT_USERNAME: DEMO_ROOT.username,
  };
}

const HEADER = [
  '# Written by `npm start` on its first run; edit freely. Shell variables override these',
  '# (PORT or APP_PORT, DB_DIALECT/DB_HOST/DB_PORT/DB_DATABASE/DB_USER/DB_PASSWORD, INBOX_REDIS_URL).',
];

function formatEnv(values) {
  return [...HEADER, ...Object.entries(values).map(([key, value]) => `${key}=${value}`), ''].join('\n');
}

/**
 * Creates the env file when missing; adds an APP_KEY to one that lacks it (the key signs every session token,
 * so it is generated once and kept). Returns the file's values.
 */
function ensureEnvFile(file, { root, storageRoot }) {
  if (!fs.existsSync(file)) {
    const values = defaultEnv({ root, storageRoot });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, formatEnv(values));
    return values;
  }
  const values = parseEnv(fs.readFileSync(file, 'utf8'));
  if (!values.APP_KEY) {
    values.APP_KEY = crypto.randomBytes(32).toString('hex');
    fs.appendFileSync(file, `\nAPP_KEY=${values.APP_KEY}\n`);
  }
  return values;
}

module.exports = { ensureEnvFile, DEFAULT_PORT, DEMO_ROOT };
