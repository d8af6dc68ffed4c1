import { randomBytes } from 'node:crypto';
import type { ConformanceCase } from './case.js';
import { conformanceCases } from './cases/index.js';
import { ProviderClient } from './client.js';
import { CaseContext } from './context.js';
import type { CaseSettings } from './context.js';
import type { CaseResult, ConformanceCredentials, ConformanceOptions } from './types.js';

/** A case as planned for a run: to run, or skipped with a reason. */
export interface PlannedCase {
  /** The case. */
  case: ConformanceCase;
  /** The skip reason, when skipped. */
  skipReason?: string;
}

/**
 * Decides which cases run. Every skip needs a reason and must name existing cases (a typo would
 * otherwise silently run, or silently skip, the wrong thing).
 */
export function planCases(
  options: Pick<ConformanceOptions, 'skip' | 'only'>,
  cases = conformanceCases,
): PlannedCase[] {
  const ids = new Set(cases.map((c) => c.id));
  const reasons = new Map<string, string>();
  for (const skip of options.skip ?? []) {
    if (!skip.reason || !skip.reason.trim())
      throw new Error(`conformance: skipping ${skip.tests.join(', ')} needs a reason`);
    for (const id of skip.tests) {
      if (!ids.has(id))
        throw new Error(`conformance: no case named ${id} to skip (cases: ${[...ids].join(', ')})`);
      reasons.set(id, skip.reason.trim());
    }
  }
  for (const id of options.only ?? []) {
    if (!ids.has(id)) throw new Error(`conformance: no case named ${id} (cases: ${[...ids].join(', ')})`);
  }
  return cases
    .filter((c) => !options.only?.length || options.only.includes(c.id))
    .map((c) => (reasons.has(c.id) ? { case: c, skipReason: reasons.get(c.id) } : { case: c }));
}

function value<T>(v: T | (() => T)): T {
  return typeof v === 'function' ? (v as () => T)() : v;
}

/** Settings shared by every case of one run (names are unique per run). */
export function runSettings(options: ConformanceOptions): CaseSettings {
  return {
    namespace: options.namespace,
    functions: options.functions,
    readyTimeoutMs: options.readyTimeoutMs ?? 30_000,
    pollMs: options.pollMs ?? 100,
    runPrefix: `${options.namePrefix ?? 'conf'}-${randomBytes(3).toString('hex')}`,
  };
}

/** Runs one case with its own context; cleans up whatever it deployed, passed or failed. */
export async function runCase(
  testCase: ConformanceCase,
  options: ConformanceOptions,
  settings: CaseSettings,
): Promise<CaseResult> {
  const started = Date.now();
  const auth = value<ConformanceCredentials | undefined>(options.auth);
  const ctx = new CaseContext(new ProviderClient(value(options.baseUrl), auth), settings);
  let message: string | undefined;
  try {
    await testCase.run(ctx);
  } catch (err) {
    message = err instanceof Error ? err.message : String(err);
  }
  const cleanupFailures = await ctx.runCleanups();
  if (cleanupFailures.length > 0 && message === undefined)
    message = `cleanup failed: ${cleanupFailures.join('; ')}`;
  return {
    id: testCase.id,
    title: testCase.title,
    outcome: message === undefined ? 'passed' : 'failed',
    ...(message !== undefined ? { message } : {}),
    durationMs: Date.now() - started,
  };
}

/** Runs every planned case in order, reporting each result as it comes. */
export async function runConformance(
  options: ConformanceOptions,
  onResult: (result: CaseResult) => void = () => undefined,
  cases = conformanceCases,
): Promise<CaseResult[]> {
  const settings = runSettings(options);
  const results: CaseResult[] = [];
  for (const planned of planCases(options, cases)) {
    const result: CaseResult = planned.skipReason
      ? {
          id: planned.case.id,
          title: planned.case.title,
          outcome: 'skipped',
          message: planned.skipReason,
          durationMs: 0,
        }
      : await runCase(planned.case, options, settings);
    results.push(result);
    onResult(result);
  }
  return results;
}

/** `N passed, N failed` (and `, N skipped` when any were). */
export function summary(results: readonly CaseResult[]): string {
  const count = (o: CaseResult['outcome']): number => results.filter((r) => r.outcome === o).length;
  const skipped = count('skipped');
  return `${count('passed')} passed, ${count('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`;
}
