import { conformanceCases } from './cases/index.js';
import { planCases, runCase, runSettings } from './runner.js';
import type { CaseSettings } from './context.js';
import type { ConformanceOptions } from './types.js';

/**
 * Declares one Jest test per conformance case (a skipped case shows as skipped with its reason).
 * Call it at the top level of a test file; `baseUrl` and `auth` may be getters, read when each
 * case runs, so a provider started in `beforeAll` works.
 */
export function describeProviderConformance(
  options: ConformanceOptions & { title?: string; timeoutMs?: number },
): void {
  const planned = planCases(options, conformanceCases);
  const timeout = options.timeoutMs ?? (options.readyTimeoutMs ?? 30_000) * 2 + 10_000;
  describe(options.title ?? 'provider conformance', () => {
    let settings: CaseSettings | undefined;
    for (const { case: testCase, skipReason } of planned) {
      if (skipReason) {
        it.skip(`${testCase.id}: ${testCase.title} (skipped: ${skipReason})`, () => undefined);
        continue;
      }
      it(
        `${testCase.id}: ${testCase.title}`,
        async () => {
          settings ??= runSettings(options);
          const result = await runCase(testCase, options, settings);
          if (result.outcome === 'failed') throw new Error(`${testCase.id}: ${result.message}`);
        },
        timeout,
      );
    }
  });
}
