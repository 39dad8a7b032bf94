// Server suites boot a real NocoBase app (node env); client suites run in jsdom (*.test.tsx).
const esmPackages = [
  'execa', 'strip-final-newline', 'npm-run-path', 'path-key', 'onetime', 'mimic-fn', 'human-signals',
  'is-stream', 'get-stream', 'signal-exit', 'merge-stream', 'unicorn-magic',
];
const transform = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }],
  '^.+\\.mjs$': ['@swc/jest', { module: { type: 'commonjs' } }],
};
const transformIgnorePatterns = [`/node_modules/(?!(${esmPackages.join('|')})/)`];
const common = { transform, transformIgnorePatterns, moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'] };

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/src/**/__tests__/**/*.test.ts', '<rootDir>/scripts/**/__tests__/**/*.test.js', '<rootDir>/bench/**/__tests__/**/*.test.ts'],
      setupFiles: ['<rootDir>/testing/setup-env.js'],
    },
    {
      ...common,
      displayName: 'client',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/src/**/__tests__/**/*.test.tsx'],
      setupFilesAfterEnv: ['<rootDir>/src/client/__tests__/setup-dom.ts'],
    },
  ],
};
