// @faas/contracts/conformance: checks that a provider at a base URL speaks the provider contract.
// No runtime dependencies: the global fetch, node:crypto, node:fs (CLI only).
export type {
  ConformanceOptions,
  ConformanceFunctions,
  ConformanceCredentials,
  ConformanceSkip,
  FunctionSpec,
  CaseResult,
} from './types.js';
export type { ConformanceCase } from './case.js';
export { CaseContext } from './context.js';
export { ConformanceFailure } from './assert.js';
export { conformanceCases } from './cases/index.js';
export { runConformance, runCase, planCases, summary } from './runner.js';
export { describeProviderConformance } from './jest.js';
export { localFunctions, containerFunctions } from './presets.js';
export { runCli, parseCli, USAGE } from './cli.js';
