// The end-to-end suite: tests against a running platform (real processes, dockerd, nats-server,
// Prometheus, Chromium). Each suite skips itself on a laptop that lacks a component, but fails
// under CI=true. Run one file at a time (--runInBand): they share ports and a Docker engine.
import { sharedJestOptions } from './jest.shared.js';

/** @type {import('jest').Config} */
export default {
  ...sharedJestOptions,
  displayName: 'e2e',
  testMatch: ['<rootDir>/e2e/test/**/*.test.ts'],
  testTimeout: 300_000,
  // Fails a suite that leaves a child process, socket, server or timer open after its last hook,
  // naming it: such a handle keeps the one in-band Jest process from exiting.
  testEnvironment: '<rootDir>/e2e/open-handles-environment.js',
  // No forceExit: with every suite under that check, the run ends by itself (docs/decisions.md).
};
