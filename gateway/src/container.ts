// The gateway's composition root: every bind is here (scaling's in its module). createGateway asks
// it for the Gateway once; main.ts, the platform, the e2e async platform and the test harness call it.
import { Container } from 'inversify';
import type { Newable } from 'inversify';
import type { VersionInfo } from '@faas/contracts';
import type { QueueBackend } from '@faas/queue';
import type { Logger } from '@faas/service-kit';
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
import { Scaling, scalingModule } from './scaling/create-scaling.js';
import { ProviderCaller } from './scaling/function-replicas.js';
import { MetricsRegistry } from './scaling/scaling-metrics.js';
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

function buildContainer(config: GatewayConfig, deps: GatewayDeps): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(tokens.GatewayConfig).toConstantValue(config);
  container.bind(tokens.Logger).toConstantValue(deps.logger);
  container.bind(tokens.Credentials).toConstantValue(deps.credentials);
  container.bind(tokens.VersionInfo).toConstantValue(deps.version);
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
  if (config.prometheusHost) {
    container
      .bind(tokens.InvocationCounts)
      .toConstantValue(new PrometheusInvocationCounts(config.prometheusHost, config.prometheusPort));
  } else {
    container.bind(tokens.InvocationCounts).to(LocalInvocationCounts).inSingletonScope();
  }

  // Scaling (docs/autoscaling.md): alert route, scale from zero, idling and the autoscaler share
  // one instance, over the gateway's provider client and registry.
  container.bind(ProviderCaller).toService(ProviderClient);
  container
    .bind(MetricsRegistry)
    .toResolvedValue((metrics: GatewayMetrics) => metrics.registry, [GatewayMetrics]);
  container.load(scalingModule(scalingSettings(config)));
  // Replicas the endpoint cache remembers are going once a function is scaled to zero: stop
  // routing to them before the provider stops them (a call could meet a replica in its
  // shutdown), and again after, in case a lookup in between cached them anew.
  container.onActivation<Scaling>(Scaling, (ctx, scaling) => {
    const resolver = ctx.get(EndpointResolver);
    const forget = (fn: FunctionRef, replicas: number): void => {
      if (replicas === 0) resolver.evict(fn.name, fn.namespace);
    };
    scaling.onScaling(forget);
    scaling.onScaled(forget);
    return scaling;
  });

  // The seams of the invocation path and the app, with what the caller plugs in.
  container
    .bind(tokens.FunctionAvailability)
    .toResolvedValue((scaling: Scaling) => deps.availability ?? scaling.availability, [Scaling]);
  container
    .bind(tokens.InvocationObserver)
    .toResolvedValue(
      (metrics: GatewayMetrics, scaling: Scaling) =>
        observeAll([metrics, scaling.observer, ...(deps.observers ?? [])]),
      [GatewayMetrics, Scaling],
    );
  container
    .bind(ExtraRouteModules)
    .toResolvedValue(
      (provider: ProviderClient, metrics: GatewayMetrics, scaling: Scaling): RouteModule[] => [
        ...featureModules({
          config,
          provider,
          registry: metrics.registry,
          logger: deps.logger,
          queue: deps.queue,
        }),
        ...(deps.extraModules ?? []),
        scaling.routes,
      ],
      [ProviderClient, GatewayMetrics, Scaling],
    );
  return container;
}
