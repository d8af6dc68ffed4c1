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
  // Every suite cleans up after itself, but one run in band shares one process: a handle a failed
  // case leaves open (a stream, a socket) must not keep CI waiting after the last result. A run on
  // 2026-12-07 hung this way after its results; the leaking suite is not found yet (docs/decisions.md).
  forceExit: true,
};
