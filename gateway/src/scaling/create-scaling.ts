// Assembles scaling from its parts: the alert route, scale from zero, the idle sweep and the
// built-in autoscaler share one provider view, one setter (metrics, logs) and one activity tracker.
import type { Logger } from '@faas/service-kit';
import type { Registry } from 'prom-client';
import { noWaiting } from '../invoke/hooks.js';
import type { FunctionAvailability, InvocationObserver } from '../invoke/hooks.js';
import type { RouteModule } from '../routes/route-module.js';
import { AlertRoutes } from './alert-routes.js';
import { AlertScaler } from './alert-scaler.js';
import { Autoscaler } from './autoscaler.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import { FunctionCatalog } from './function-catalog.js';
import { ProviderReplicas } from './function-replicas.js';
import type { ProviderCaller } from './function-replicas.js';
import { IdleScaler } from './idle-scaler.js';
import { InvocationActivity } from './invocation-activity.js';
import { LabelReader } from './label-reader.js';
import { ReplicaSetter } from './replica-setter.js';
import type { ScaledListener } from './replica-setter.js';
import { ScaleFromZero } from './scale-from-zero.js';
import { ScalingLoop } from './scaling-loop.js';
import type { ScalingSettings } from './scaling-config.js';
import { ScalingMetrics } from './scaling-metrics.js';

/** What scaling needs from the gateway. */
export interface ScalingDeps {
  settings: ScalingSettings;
  /** The gateway's provider client. */
  provider: ProviderCaller;
  /** The gateway's metrics registry. */
  registry: Registry;
  logger: Logger;
  /** Default: the wall clock. */
  clock?: Clock;
}

/** The injection token of the gateway's {@link Scaling}. */
export const Scaling = Symbol.for('faas.gateway.Scaling');

/** Scaling, ready to plug into the gateway's seams. */
export interface Scaling {
  /** The invocation path's FunctionAvailability (scale from zero, or no waiting). */
  availability: FunctionAvailability;
  /** The invocation observer that feeds idle tracking and the autoscaler. */
  observer: InvocationObserver;
  /** `POST /system/alert`. */
  routes: RouteModule;
  /** Adds a listener told after every replica change (e.g. to drop cached endpoints). */
  onScaled(listener: ScaledListener): void;
  /** Adds a listener told before every replica change is asked of the provider. */
  onScaling(listener: ScaledListener): void;
  /** Starts the autoscaler and idle sweep (when either is on). */
  start(): void;
  /** Stops them. */
  stop(): Promise<void>;
  /** The background loop, for tests that tick by hand; undefined when both are off. */
  loop: ScalingLoop | undefined;
  /** The activity tracker. */
  activity: InvocationActivity;
}

/** Builds scaling. */
export function createScaling(deps: ScalingDeps): Scaling {
  const { settings, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const replicas = new ProviderReplicas(deps.provider, settings.defaultNamespace);
  const metrics = new ScalingMetrics(deps.registry);
  const setter = new ReplicaSetter(replicas, metrics, logger);
  const labels = new LabelReader(logger);
  const activity = new InvocationActivity(clock);
  const alerts = new AlertScaler(replicas, setter, labels, logger, {
    defaultNamespace: settings.defaultNamespace,
    builtInAutoscaler: settings.autoscaler,
  });
  const availability = settings.scaleFromZero
    ? new ScaleFromZero(replicas, setter, labels, activity, logger, {
        timeoutMs: settings.scaleFromZeroTimeoutMs,
      })
    : noWaiting;
  let loop: ScalingLoop | undefined;
  if (settings.autoscaler || settings.scaleToZero) {
    const catalog = new FunctionCatalog(replicas, labels, clock, logger);
    setter.onScaled((fn, n) => catalog.scaled(fn, n));
    const autoscaler = settings.autoscaler
      ? new Autoscaler(catalog, activity, setter, metrics, clock, logger, {
          stableWindowMs: settings.stableWindowMs,
          panicWindowMs: settings.panicWindowMs,
        })
      : undefined;
    const idle = settings.scaleToZero ? new IdleScaler(catalog, activity, setter, logger) : undefined;
    loop = new ScalingLoop(catalog, activity, autoscaler, idle, clock, logger, {
      tickMs: settings.tickMs,
      refreshMs: settings.refreshMs,
    });
  }
  return {
    availability,
    observer: activity,
    routes: new AlertRoutes(alerts),
    onScaled: (listener) => setter.onScaled(listener),
    onScaling: (listener) => setter.onScaling(listener),
    start: () => loop?.start(),
    stop: async () => loop?.stop(),
    loop,
    activity,
  };
}
