import type { RetryOverrides } from '@faas/queue';

/** How the worker retries a function call. */
export interface RetryPolicy {
  /** Total attempts, the first one included. */
  attempts: number;
  /** Statuses worth another attempt; transport errors always are. */
  codes: readonly number[];
  /** Back-off before the second attempt, milliseconds; doubles each time. */
  minWaitMs: number;
  /** Longest back-off, milliseconds. */
  maxWaitMs: number;
}

/** The worker's defaults with a function's own annotations on top. */
export function policyFor(defaults: RetryPolicy, overrides: RetryOverrides | undefined): RetryPolicy {
  return { ...defaults, ...overrides };
}

/**
 * Exponential back-off with jitter after failed attempt `attempt` (1-based): half the doubled
 * delay plus a random half, capped at `maxWaitMs`. A `Retry-After` the function sent is honoured
 * up to the cap.
 */
export function backoffMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  const doubled = Math.min(policy.maxWaitMs, policy.minWaitMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(doubled / 2 + random() * (doubled / 2));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, policy.maxWaitMs));
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
