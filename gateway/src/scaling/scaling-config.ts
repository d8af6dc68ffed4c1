// Scaling's settings, as rows of the gateway's configuration table (config.ts spreads them in),
// and their translation into ScalingSettings with the one cross-check a row cannot make.
import { ConfigError, parse } from '@faas/service-kit';
import type { ConfigOf, ConfigTable } from '@faas/service-kit';

function positiveDuration(raw: string): number {
  const ms = parse.duration(raw);
  if (ms <= 0) throw new Error(`"${raw}" must be longer than 0, use e.g. 1s`);
  return ms;
}

/** The scaling rows of the gateway's configuration. */
export const scalingConfigTable = {
  scaleFromZero: {
    env: 'scale_from_zero',
    description:
      'Hold an invocation of a function with no ready replica, scale it to max(min, 1) and forward once a replica is ready.',
    parse: parse.boolean,
    default: true,
  },
  scaleFromZeroTimeoutMs: {
    env: 'scale_from_zero_timeout',
    description: 'How long an invocation may wait for a replica when scaling from zero; then 503.',
    parse: positiveDuration,
    default: 30_000,
    defaultText: '30s',
  },
  scaleToZero: {
    env: 'scale_to_zero',
    description:
      'Scale functions labelled `com.openfaas.scale.zero=true` to 0 after `com.openfaas.scale.zero-duration` without invocations.',
    parse: parse.boolean,
    default: true,
  },
  autoscaler: {
    env: 'autoscaler',
    description:
      'Run the built-in autoscaler for functions labelled `com.openfaas.scale.target` (in-flight requests per replica); `false` leaves every function to `/system/alert`.',
    parse: parse.boolean,
    default: true,
  },
  autoscalerStableWindowMs: {
    env: 'autoscaler_stable_window',
    description:
      'The autoscaler averages concurrency over this window; replicas return to min within it after the load stops.',
    parse: positiveDuration,
    default: 60_000,
    defaultText: '60s',
  },
  autoscalerPanicWindowMs: {
    env: 'autoscaler_panic_window',
    description:
      'Short window that detects a surge (twice the ready replicas wanted) and scales up at once; shorter than the stable window.',
    parse: positiveDuration,
    default: 6_000,
    defaultText: '6s',
  },
  autoscalerIntervalMs: {
    env: 'autoscaler_interval',
    description: 'How often the autoscaler decides and idle functions are looked for.',
    parse: positiveDuration,
    default: 1_000,
    defaultText: '1s',
  },
  scalingRefreshIntervalMs: {
    env: 'scaling_refresh_interval',
    description:
      'How often the autoscaler and scale to zero re-read the function list (replicas, labels) from the provider.',
    parse: positiveDuration,
    default: 2_000,
    defaultText: '2s',
  },
} satisfies ConfigTable;

/** The parsed scaling rows. */
export type ScalingConfig = ConfigOf<typeof scalingConfigTable>;

/** Scaling's settings (the gateway's configuration supplies them). */
export interface ScalingSettings {
  /** Namespace of a `function_name` without one. */
  defaultNamespace: string;
  /** Hold invocations of a function at zero replicas and scale it up. */
  scaleFromZero: boolean;
  /** How long such an invocation may wait for a ready replica. */
  scaleFromZeroTimeoutMs: number;
  /** Scale idle functions labelled `com.openfaas.scale.zero=true` to zero. */
  scaleToZero: boolean;
  /** Run the built-in autoscaler for functions labelled `com.openfaas.scale.target`. */
  autoscaler: boolean;
  /** The autoscaler's stable window. */
  stableWindowMs: number;
  /** The autoscaler's panic window. */
  panicWindowMs: number;
  /** Autoscaler and idle sweep period. */
  tickMs: number;
  /** How often the function list (replicas, labels) is read from the provider. */
  refreshMs: number;
}

/** ScalingSettings from the gateway's configuration; ConfigError when the windows do not nest. */
export function scalingSettings(config: ScalingConfig & { functionNamespace: string }): ScalingSettings {
  if (config.autoscaler && config.autoscalerPanicWindowMs >= config.autoscalerStableWindowMs) {
    throw new ConfigError([
      `autoscaler_panic_window: must be shorter than autoscaler_stable_window (${config.autoscalerStableWindowMs} ms), use e.g. a tenth of it`,
    ]);
  }
  return {
    defaultNamespace: config.functionNamespace,
    scaleFromZero: config.scaleFromZero,
    scaleFromZeroTimeoutMs: config.scaleFromZeroTimeoutMs,
    scaleToZero: config.scaleToZero,
    autoscaler: config.autoscaler,
    stableWindowMs: config.autoscalerStableWindowMs,
    panicWindowMs: config.autoscalerPanicWindowMs,
    tickMs: config.autoscalerIntervalMs,
    refreshMs: config.scalingRefreshIntervalMs,
  };
}
