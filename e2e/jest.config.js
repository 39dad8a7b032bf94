// Browser suite (`npm run test:e2e`): one real NocoBase app started by `npm start`'s launcher on a free port with
// a fresh SQLite storage in a temp dir, driven by playwright-core and the system chromium. Screenshots of each
// step land in artifacts/e2e/.
const path = require('path');

module.exports = {
  rootDir: path.resolve(__dirname, '..'),
  testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { module: { type: 'commonjs' } }] },
  globalSetup: '<rootDir>/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/e2e/global-teardown.ts',
  testTimeout: 240000,
  maxWorkers: 1,
};
