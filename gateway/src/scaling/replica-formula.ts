// The replica arithmetic of docs/autoscaling.md, as pure functions: the AlertManager step and the bounds the
// built-in autoscaler and scale from zero respect. Every scaling path asks here.
import type { ScalingLabels } from '@faas/contracts';

/** An AlertManager alert's status. */
export type AlertStatus = 'firing' | 'resolved';

/** Replicas one alert step adds: `ceil(max / 100 × factor)`; 0 when the factor is 0. */
export function alertStep(scaling: Pick<ScalingLabels, 'max' | 'factor'>): number {
  return Math.ceil((scaling.max / 100) * scaling.factor);
}

/**
 * The replicas an alert asks for: firing → `min(current + step, max)`, resolved →
 * `min`. A factor of 0 disables alert scaling (the current count is kept). A function idled to
 * zero stays at zero on `resolved`: the alert ended, nothing asks for a replica.
 */
export function alertReplicas(status: AlertStatus, current: number, scaling: ScalingLabels): number {
  const step = alertStep(scaling);
  if (step === 0) return current;
  if (status === 'firing') return Math.max(scaling.min, Math.min(current + step, scaling.max));
  if (current === 0 && scaling.zero) return 0;
  return scaling.min;
}

/** The replicas scale from zero starts: `max(min, 1)`, never above max. */
export function wakeReplicas(scaling: Pick<ScalingLabels, 'min' | 'max'>): number {
  return Math.min(Math.max(scaling.min, 1), scaling.max);
}

/**
 * Replicas for an observed concurrency and a per-replica target, bounded to `[max(min, 1), max]`:
 * the built-in autoscaler never takes a function to zero (idling does that) and never below 1.
 */
export function replicasForConcurrency(
  concurrency: number,
  target: number,
  scaling: Pick<ScalingLabels, 'min' | 'max'>,
): number {
  const wanted = Math.ceil(concurrency / target - 1e-9);
  return Math.min(Math.max(wanted, scaling.min, 1), scaling.max);
}
