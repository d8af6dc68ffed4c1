// The unit and HTTP suite: every package's src/**/*.test.ts and test/**/*.test.ts, in one run.
// ESM throughout (see README, "Development"): Jest runs with --experimental-vm-modules and
// ts-jest transpiles TypeScript without type-checking; `tsc --build` is the type checker.
import { sharedJestOptions } from './jest.shared.js';

/** @type {import('jest').Config} */
export default {
  ...sharedJestOptions,
  displayName: 'unit',
  testMatch: ['<rootDir>/*/src/**/*.test.ts', '<rootDir>/*/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/e2e/'],
};
