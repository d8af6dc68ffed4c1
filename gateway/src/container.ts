// The gateway's composition root: every bind is here. main.ts (and the platform launcher) ask it
// for the Gateway once.
import { Container } from 'inversify';
import type { Newable } from 'inversify';
import type { VersionInfo } from '@faas/contracts';
import type { QueueBackend } from '@faas/queue';
import type { Logger } from '@faas/service-kit';
import './di.js';
import * as tokens from './tokens.js';
import type { GatewayConfig } from './config.js';
import type { Credentials } from './auth/credentials.js';
import { Gateway } from './gateway.js';
import { EndpointResolver } from './invoke/endpoint-resolver.js';
import { observeAll } from './invoke/hooks.js';
import type { FunctionAvailability, FunctionRef, InvocationObserver } from './invoke/hooks.js';
import { Invoker } from './invoke/invoker.js';
import { GatewayMetrics } from './metrics/gateway-metrics.js';
import { LocalInvocationCounts, PrometheusInvocationCounts } from './metrics/invocation-counts.js';
import type { InvocationCounts } from './metrics/invocation-counts.js';
import { ServiceCountRefresher } from './metrics/service-count-refresher.js';
import { ProviderClient } from './provider/provider-client.js';
import { ProviderForwarder } from './provider/provider-forwarder.js';
import { UpstreamAgents } from './proxy/agents.js';
import { GatewayHandlers } from './routes/gateway-handlers.js';
import { InvokeRoutes } from './routes/invoke-routes.js';
import { UpgradeInvoker } from './invoke/upgrade-invoker.js';
import { featureModules } from './routes/feature-modules.js';
import { ExtraRouteModules } from './routes/route-module.js';
import type { RouteModule } from './routes/route-module.js';
import { SystemRoutes } from './routes/system-routes.js';
import { createScaling, Scaling } from './scaling/create-scaling.js';
import { scalingSettings } from './scaling/scaling-config.js';

/** What the process supplies besides the configuration: a logger, credentials, optional plug-ins. */
export interface GatewayDeps {
  logger: Logger;
  /** Null when `basic_auth=false`. */
  credentials: Credentials | null;
  /** The gateway's version for `/system/info`. */
  version: VersionInfo;
  /** Replaces scale from zero (`scale_from_zero`) as the invocation path's hook. */
  availability?: FunctionAvailability;
  /** More invocation observers besides metrics and scaling's. */
  observers?: InvocationObserver[];
  /** Route modules of other packages (the async routes, the UI); ahead of the built-in `/system/alert`. */
  extraModules?: RouteModule[];
  /**
   * The queue behind `/async-function/*` and `/system/async/*`; without one they answer 501 (a
   * gateway on its own needs `queue_backend=nats`; `npm start` passes the embedded queue).
   */
  queue?: QueueBackend;
}

/**
 * The gateway, assembled: the one place main.ts, the platform, the e2e async platform and the
 * gateway's test harness get one from.
 */
export function createGateway(config: GatewayConfig, deps: GatewayDeps): Gateway {
  return buildContainer(config, deps).get(Gateway);
}

function buildContainer(config: GatewayConfig, bindings: GatewayDeps): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(tokens.GatewayConfig).toConstantValue(config);
  container.bind(tokens.Logger).toConstantValue(bindings.logger);
  container.bind(tokens.Credentials).toConstantValue(bindings.credentials);
  container.bind(tokens.VersionInfo).toConstantValue(bindings.version);
  // Scaling (docs/autoscaling.md): alert route, scale from zero, idling and the autoscaler share one instance.
  container
    .bind<Scaling>(Scaling)
    .toDynamicValue((ctx) => {
      const scaling = createScaling({
        settings: scalingSettings(config),
        provider: ctx.get(ProviderClient),
        registry: ctx.get(GatewayMetrics).registry,
        logger: bindings.logger,
      });
      // Replicas the endpoint cache remembers are going once a function is scaled to zero: stop
      // routing to them before the provider stops them (a call could meet a replica in its
      // shutdown), and again after, in case a lookup in between cached them anew.
      const resolver = ctx.get(EndpointResolver);
      const forget = (fn: FunctionRef, replicas: number): void => {
        if (replicas === 0) resolver.evict(fn.name, fn.namespace);
      };
      scaling.onScaling(forget);
      scaling.onScaled(forget);
      return scaling;
    })
    .inSingletonScope();
  container
    .bind<FunctionAvailability>(tokens.FunctionAvailability)
    .toDynamicValue((ctx) => bindings.availability ?? ctx.get<Scaling>(Scaling).availability);
  container.bind<RouteModule[]>(ExtraRouteModules).toDynamicValue((ctx) => [
    ...featureModules({
      config,
      provider: ctx.get(ProviderClient),
      registry: ctx.get(GatewayMetrics).registry,
      logger: bindings.logger,
      queue: bindings.queue,
    }),
    ...(bindings.extraModules ?? []),
    ctx.get<Scaling>(Scaling).routes,
  ]);
  for (const service of [
    ProviderClient,
    ProviderForwarder,
    UpstreamAgents,
    EndpointResolver,
    GatewayMetrics,
    ServiceCountRefresher,
    Invoker,
    UpgradeInvoker,
    InvokeRoutes,
    SystemRoutes,
    GatewayHandlers,
    Gateway,
  ] as Newable<object>[]) {
    container.bind(service).toSelf().inSingletonScope();
  }
  container
    .bind<InvocationObserver>(tokens.InvocationObserver)
    .toDynamicValue((ctx) =>
      observeAll([
        ctx.get(GatewayMetrics),
        ctx.get<Scaling>(Scaling).observer,
        ...(bindings.observers ?? []),
      ]),
    );
  container
    .bind<InvocationCounts>(tokens.InvocationCounts)
    .toDynamicValue((ctx) =>
      config.prometheusHost
        ? new PrometheusInvocationCounts(config.prometheusHost, config.prometheusPort)
        : new LocalInvocationCounts(ctx.get(GatewayMetrics)),
    );
  return container;
}
