import type { CaseContext } from './context.js';

/** One conformance case: an id to skip it by, a sentence to print, and the check. */
export interface ConformanceCase {
  /** Stable id, kebab-case (`deploy-lists-fields`). */
  id: string;
  /** What a passing provider does, as a sentence. */
  title: string;
  /** The check; throws a ConformanceFailure (or any error) when the provider misbehaves. */
  run(ctx: CaseContext): Promise<void>;
}
