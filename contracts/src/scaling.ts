import { parseDurationMs } from './duration.js';
import type { FieldProblem } from './errors.js';

/** Label names that drive scaling (docs/autoscaling.md). */
export const scalingLabels = {
  /** Minimum replicas, and the replicas at deploy. */
  min: 'com.openfaas.scale.min',
  /** Maximum replicas. */
  max: 'com.openfaas.scale.max',
  /** Percent of max added per firing alert; 0 disables alert scaling. */
  factor: 'com.openfaas.scale.factor',
  /** Whether the function may be idled to zero replicas. */
  zero: 'com.openfaas.scale.zero',
  /** Idle time before scaling to zero. */
  zeroDuration: 'com.openfaas.scale.zero-duration',
  /** Target in-flight requests per replica for the built-in autoscaler. */
  target: 'com.openfaas.scale.target',
} as const;

/** A function's scaling settings with defaults applied. */
export interface ScalingLabels {
  /** Minimum replicas (default 1). */
  min: number;
  /** Maximum replicas (default 20). */
  max: number;
  /** Percent of max per alert step (default 20). */
  factor: number;
  /** Eligible for scale to zero (default false). */
  zero: boolean;
  /** Idle milliseconds before scale to zero (default 15 minutes). */
  zeroDurationMs: number;
  /** Target in-flight requests per replica; undefined = built-in autoscaler off for this function. */
  target?: number;
}

/** Defaults of {@link ScalingLabels}. */
export const SCALING_DEFAULTS: ScalingLabels = {
  min: 1,
  max: 20,
  factor: 20,
  zero: false,
  zeroDurationMs: 15 * 60_000,
};

/** One scaling label that cannot be used as given. */
interface LabelIssue {
  /** The label. */
  key: string;
  /** What is wrong with its value. */
  problem: string;
  /** What is used instead. */
  fallback: string;
}

/** Whole numbers only: `"0x10"`, `"1e1"` and `" 5"` are not numbers of replicas. */
const WHOLE_NUMBER = /^\d+$/;

function parseScalingLabels(labels: Record<string, string> | undefined): {
  value: ScalingLabels;
  issues: LabelIssue[];
} {
  const l = labels ?? {};
  const issues: LabelIssue[] = [];
  const int = (key: string, min: number, max: number, fallback: number): number => {
    const raw = l[key];
    if (raw === undefined) return fallback;
    const n = WHOLE_NUMBER.test(raw) ? Number(raw) : NaN;
    if (!(n >= min && n <= max)) {
      issues.push({
        key,
        problem: `"${raw}" is not a whole number from ${min} to ${max}`,
        fallback: String(fallback),
      });
      return fallback;
    }
    return n;
  };
  const max = int(scalingLabels.max, 1, 1000, SCALING_DEFAULTS.max);
  let min = int(scalingLabels.min, 0, 1000, SCALING_DEFAULTS.min);
  if (min > max) {
    issues.push({
      key: scalingLabels.min,
      problem: `${min} is above ${scalingLabels.max} ${max}`,
      fallback: String(max),
    });
    min = max;
  }
  const factor = int(scalingLabels.factor, 0, 100, SCALING_DEFAULTS.factor);
  const zeroRaw = l[scalingLabels.zero];
  const zero = zeroRaw === 'true' || zeroRaw === '1';
  if (zeroRaw !== undefined && !['true', 'false', '1', '0'].includes(zeroRaw)) {
    issues.push({ key: scalingLabels.zero, problem: `"${zeroRaw}" is not true or false`, fallback: 'false' });
  }
  let zeroDurationMs = SCALING_DEFAULTS.zeroDurationMs;
  const durationRaw = l[scalingLabels.zeroDuration];
  if (durationRaw !== undefined) {
    const parsed = parseDurationMs(durationRaw);
    if (parsed === undefined)
      issues.push({
        key: scalingLabels.zeroDuration,
        problem: `"${durationRaw}" is not a duration like 15m`,
        fallback: '15m',
      });
    else zeroDurationMs = parsed;
  }
  const targetRaw = l[scalingLabels.target];
  const target = targetRaw === undefined ? undefined : int(scalingLabels.target, 1, 10_000, 0) || undefined;
  return { value: { min, max, factor, zero, zeroDurationMs, ...(target ? { target } : {}) }, issues };
}

/**
 * Reads the scaling labels of a function. Bad values fall back to the default and add a warning
 * (the caller logs them); min above max is corrected to max. Deployments are refused with these
 * problems up front (scalingLabelProblems); this reads what was stored before that, or elsewhere.
 */
export function readScalingLabels(labels: Record<string, string> | undefined): {
  value: ScalingLabels;
  warnings: string[];
} {
  const { value, issues } = parseScalingLabels(labels);
  return { value, warnings: issues.map((i) => `${i.key}: ${i.problem}, using ${i.fallback}`) };
}

/** The scaling labels that cannot be used as given, as problems of `labels.<key>` (400 at deploy). */
export function scalingLabelProblems(labels: Record<string, string> | undefined): FieldProblem[] {
  return parseScalingLabels(labels).issues.map((i) => ({ field: `labels.${i.key}`, message: i.problem }));
}
