// The whole conformance kit against the local provider, with no skips.
import { describeProviderConformance, localFunctions } from '@faas/contracts/conformance';
import { startProvider } from './start-provider.js';
import type { StartedProvider } from './start-provider.js';

let started: StartedProvider;

beforeAll(async () => {
  started = await startProvider();
});
afterAll(async () => {
  await started.destroy();
});

describeProviderConformance({
  title: 'provider-local conformance',
  baseUrl: () => started.url,
  auth: () => started.auth,
  functions: localFunctions(),
  readyTimeoutMs: 10_000,
  pollMs: 50,
  skip: [],
});
