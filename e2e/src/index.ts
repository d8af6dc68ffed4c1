// The end-to-end suites' entry; `describeWith` lives in @faas/service-kit/testing so that
// packages below e2e in the dependency graph can use it too.
export { components, describeWith } from '@faas/service-kit/testing';
export type { Component } from '@faas/service-kit/testing';
export { startNpmPlatform } from './npm-start.js';
export type { NpmPlatform } from './npm-start.js';
