// One jest config for the whole suite. @swc/jest compiles TypeScript; transformIgnorePatterns
// is empty so ESM-only dependencies (agenda 6) are compiled too (see shared/notes/toolchain.md).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2023' } }] },
  transformIgnorePatterns: [],
  testTimeout: 30000,
  // One temporary folder per run, removed at its end (test/helpers/temp-root.ts).
  globalSetup: '<rootDir>/test/helpers/temp-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/temp-teardown.ts',
  // Integration tests open servers and child processes: keep them on one worker each core.
  maxWorkers: 2,
};
