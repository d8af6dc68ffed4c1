import { parseDurationMs } from '@faas/contracts';
import type { RetryOverrides } from './types.js';

/** The queue every function uses unless it names its own (OpenFaaS's default channel name). */
export const DEFAULT_QUEUE_NAME = 'faas-request';

/** Annotation by which a function names its own queue, served by its own worker. */
export const QUEUE_ANNOTATION = 'com.openfaas.queue';

/** Annotations that override the worker's retry settings for one function (OpenFaaS Pro names). */
export const RETRY_ANNOTATIONS = {
  /** Total attempts, the first included. */
  attempts: 'com.openfaas.retry.attempts',
  /** Comma-separated HTTP statuses to retry. */
  codes: 'com.openfaas.retry.codes',
  /** First back-off (`2s`, `500ms`). */
  minWait: 'com.openfaas.retry.min_wait',
  /** Longest back-off. */
  maxWait: 'com.openfaas.retry.max_wait',
} as const;

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Queue names become NATS stream names and file names: letters, digits, `-` and `_`, at most 64. */
export function isValidQueueName(name: string): boolean {
  return QUEUE_NAME.test(name);
}

/** The function's annotations as the provider returns them (null when it has none). */
export type Annotations = Record<string, string> | null | undefined;

/** The queue a function's async calls go to. */
export function queueNameOf(annotations: Annotations, fallback: string = DEFAULT_QUEUE_NAME): string {
  const named = annotations?.[QUEUE_ANNOTATION]?.trim();
  return named ? named : fallback;
}

/** Retry overrides read from annotations; each unusable value is skipped and named in `problems`. */
export function retryOverridesOf(annotations: Annotations): {
  overrides: RetryOverrides | undefined;
  problems: string[];
} {
  const problems: string[] = [];
  const overrides: RetryOverrides = {};
  const read = <T>(key: string, parse: (raw: string) => T | undefined, set: (v: T) => void): void => {
    const raw = annotations?.[key];
    if (raw === undefined || raw.trim() === '') return;
    const value = parse(raw.trim());
    if (value === undefined) problems.push(`${key}: "${raw}" is not usable`);
    else set(value);
  };
  read(RETRY_ANNOTATIONS.attempts, wholeNumber(1, 100), (v) => (overrides.attempts = v));
  read(RETRY_ANNOTATIONS.codes, statusList, (v) => (overrides.codes = v));
  read(RETRY_ANNOTATIONS.minWait, parseDurationMs, (v) => (overrides.minWaitMs = v));
  read(RETRY_ANNOTATIONS.maxWait, parseDurationMs, (v) => (overrides.maxWaitMs = v));
  return { overrides: Object.keys(overrides).length > 0 ? overrides : undefined, problems };
}

function wholeNumber(min: number, max: number): (raw: string) => number | undefined {
  return (raw) => {
    const n = Number(raw);
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };
}

function statusList(raw: string): number[] | undefined {
  const codes = raw.split(',').map((s) => Number(s.trim()));
  return codes.every((c) => Number.isInteger(c) && c >= 100 && c <= 599) ? codes : undefined;
}
