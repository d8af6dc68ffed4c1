// Options both Jest configurations share.
/** @type {import('jest').Config} */
export const sharedJestOptions = {
  rootDir: import.meta.dirname,
  testEnvironment: 'node',
  // Workspace packages resolve to their TypeScript sources through the "source" export
  // condition, so tests never depend on a stale dist/.
  testEnvironmentOptions: { customExportConditions: ['source', 'node', 'node-addons'] },
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.base.json' }],
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
  testTimeout: 30_000,
};
