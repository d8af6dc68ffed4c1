// Test support every package may use (`@faas/service-kit/testing`): kept apart from the main
// entry so production code never loads it.
export { components, describeWith } from './components.js';
export type { Component } from './components.js';
export { until } from './net.js';
export { freePort } from '../free-port.js';
