// Scaling's bindings, one container module: the alert route, scale from zero, the idle sweep and the
// built-in autoscaler share one provider view, one setter (metrics, logs) and one activity tracker.
import { Container, ContainerModule } from 'inversify';
import type { ResolutionContext } from 'inversify';
import type { Logger } from '@faas/service-kit';
import type { Registry } from 'prom-client';
import { noWaiting } from '../invoke/hooks.js';
import type { FunctionAvailability, InvocationObserver } from '../invoke/hooks.js';
import type { RouteModule } from '../routes/route-module.js';
import * as tokens from '../tokens.js';
import { AlertRoutes } from './alert-routes.js';
import { AlertScaler, AlertScalerOptions } from './alert-scaler.js';
import { Autoscaler, AutoscalerOptions } from './autoscaler.js';
import { Clock, systemClock } from './clock.js';
import { FunctionCatalog } from './function-catalog.js';
import { DefaultNamespace, FunctionReplicas, ProviderCaller, ProviderReplicas } from './function-replicas.js';
import { IdleScaler } from './idle-scaler.js';
import { InvocationActivity } from './invocation-activity.js';
import { LabelReader } from './label-reader.js';
import { ReplicaSetter } from './replica-setter.js';
import type { ScaledListener } from './replica-setter.js';
import { ActivityMarker, ScaleFromZero, ScaleFromZeroOptions } from './scale-from-zero.js';
import { ScalingLoop, ScalingLoopOptions } from './scaling-loop.js';
import type { ScalingSettings } from './scaling-config.js';
import { MetricsRegistry, ScalingMetrics } from './scaling-metrics.js';

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
export const Scaling = Symbol('Scaling');

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

/**
 * Scaling's bindings: its parts are classes, their options constants from the settings; what is
 * off is not bound. The container must bind `ProviderCaller`, `MetricsRegistry` and the logger.
 */
export function scalingModule(settings: ScalingSettings, clock: Clock = systemClock): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(Clock).toConstantValue(clock);
    bind(DefaultNamespace).toConstantValue(settings.defaultNamespace);
    bind(FunctionReplicas).to(ProviderReplicas);
    bind(ScalingMetrics).toSelf();
    bind(ReplicaSetter).toSelf();
    bind(LabelReader).toSelf();
    bind(InvocationActivity).toSelf();
    bind(ActivityMarker).toService(InvocationActivity);
    bind(AlertScalerOptions).toConstantValue({
      defaultNamespace: settings.defaultNamespace,
      builtInAutoscaler: settings.autoscaler,
    });
    bind(AlertScaler).toSelf();
    bind(AlertRoutes).toSelf();
    if (settings.scaleFromZero) {
      bind(ScaleFromZeroOptions).toConstantValue({ timeoutMs: settings.scaleFromZeroTimeoutMs });
      bind(ScaleFromZero).toSelf();
    }
    if (settings.autoscaler || settings.scaleToZero) {
      bind(FunctionCatalog).toSelf();
      bind(ScalingLoopOptions).toConstantValue({ tickMs: settings.tickMs, refreshMs: settings.refreshMs });
      bind(ScalingLoop).toSelf();
    }
    if (settings.autoscaler) {
      bind(AutoscalerOptions).toConstantValue({
        stableWindowMs: settings.stableWindowMs,
        panicWindowMs: settings.panicWindowMs,
      });
      bind(Autoscaler).toSelf();
    }
    if (settings.scaleToZero) bind(IdleScaler).toSelf();
    bind(Scaling).toDynamicValue((ctx) => scalingOf(ctx, settings));
  });
}

/** The parts behind the gateway's seams. */
function scalingOf(ctx: ResolutionContext, settings: ScalingSettings): Scaling {
  const setter = ctx.get(ReplicaSetter);
  const activity = ctx.get(InvocationActivity);
  let loop: ScalingLoop | undefined;
  if (settings.autoscaler || settings.scaleToZero) {
    loop = ctx.get(ScalingLoop);
    const catalog = ctx.get(FunctionCatalog);
    setter.onScaled((fn, n) => catalog.scaled(fn, n));
  }
  return {
    availability: settings.scaleFromZero ? ctx.get(ScaleFromZero) : noWaiting,
    observer: activity,
    routes: ctx.get(AlertRoutes),
    onScaled: (listener) => setter.onScaled(listener),
    onScaling: (listener) => setter.onScaling(listener),
    start: () => loop?.start(),
    stop: async () => loop?.stop(),
    loop,
    activity,
  };
}

/** Scaling on its own, in front of any provider caller (tests plug it into a gateway's seams). */
export function createScaling(deps: ScalingDeps): Scaling {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(ProviderCaller).toConstantValue(deps.provider);
  container.bind(MetricsRegistry).toConstantValue(deps.registry);
  container.bind(tokens.Logger).toConstantValue(deps.logger);
  container.load(scalingModule(deps.settings, deps.clock));
  return container.get(Scaling);
}
