// Env the NocoBase test harness expects (the monorepo CLI normally sets it). DB_* from the caller win,
// so the same suites run on PostgreSQL/MariaDB when CI exports them.
const path = require('path');
const root = path.resolve(__dirname, '..');
const defaults = {
  APP_KEY: 'inbox-test-key',
  APP_ENV: 'test',
  NODE_MODULES_PATH: path.join(root, 'node_modules'),
  PLUGIN_PACKAGE_PREFIX: '@nocobase/plugin-,@nocobase/preset-,@inbox/plugin-',
  CACHE_DEFAULT_STORE: 'memory',
  LOGGER_LEVEL: 'error',
  LOGGER_TRANSPORT: 'console',
  API_BASE_PATH: '/api/',
  WS_PATH: '/ws',
  DB_DIALECT: 'sqlite',
  DB_STORAGE: ':memory:',
  TZ: 'UTC',
};
for (const [key, value] of Object.entries(defaults)) {
  if (process.env[key] === undefined || process.env[key] === '') process.env[key] = value;
}
// Apps under test use Redis only when a test passes it (`inbox: { redisUrl }`): parallel suites sharing one
// Redis would otherwise hear each other's events. Tests read the address CI gives from INBOX_TEST_REDIS_URL.
if (process.env.INBOX_REDIS_URL) {
  process.env.INBOX_TEST_REDIS_URL = process.env.INBOX_REDIS_URL;
  delete process.env.INBOX_REDIS_URL;
}
