// The gateway's composition root: every bind is here. main.ts (and the platform launcher) ask it
// for the Gateway once.
import { Container } from 'inversify';
import type { Newable } from 'inversify';
import type { VersionInfo } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';
import './di.js';
import * as tokens from './tokens.js';
import type { GatewayConfig } from './config.js';
import type { Credentials } from './auth/credentials.js';
import { Gateway } from './gateway.js';
import { EndpointResolver } from './invoke/endpoint-resolver.js';
import { noWaiting, observeAll } from './invoke/hooks.js';
import type { FunctionAvailability, InvocationObserver } from './invoke/hooks.js';
import { Invoker } from './invoke/invoker.js';
import { GatewayMetrics } from './metrics/gateway-metrics.js';
import { LocalInvocationCounts, PrometheusInvocationCounts } from './metrics/invocation-counts.js';
import type { InvocationCounts } from './metrics/invocation-counts.js';
import { ServiceCountRefresher } from './metrics/service-count-refresher.js';
import { ProviderClient } from './provider/provider-client.js';
import { ProviderForwarder } from './provider/provider-forwarder.js';
import { UpstreamAgents } from './proxy/agents.js';
import { HealthRoutes } from './routes/health-routes.js';
import { InfoRoutes } from './routes/info-routes.js';
import { InvokeRoutes } from './routes/invoke-routes.js';
import { LogsRoutes } from './routes/logs-routes.js';
import { MetricsRoutes } from './routes/metrics-routes.js';
import { ExtraRouteModules } from './routes/route-module.js';
import type { RouteModule } from './routes/route-module.js';
import { SystemRoutes } from './routes/system-routes.js';

/** What the process supplies: parsed config, a logger, credentials, and optional plug-ins. */
export interface GatewayBindings {
  config: GatewayConfig;
  logger: Logger;
  /** Null when `basic_auth=false`. */
  credentials: Credentials | null;
  /** The gateway's version for `/system/info`. */
  version: VersionInfo;
  /** Scale-from-zero hook (issue 8); default: do not wait. */
  availability?: FunctionAvailability;
  /** More invocation observers besides metrics (autoscaling, idle tracking). */
  observers?: InvocationObserver[];
  /** Route modules of later features (issues 8, 9, 10). */
  extraModules?: RouteModule[];
}

/** Builds the container; `container.get(Gateway)` assembles everything. */
export function buildContainer(bindings: GatewayBindings): Container {
  const { config } = bindings;
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(tokens.GatewayConfig).toConstantValue(config);
  container.bind(tokens.Logger).toConstantValue(bindings.logger);
  container.bind(tokens.Credentials).toConstantValue(bindings.credentials);
  container.bind(tokens.VersionInfo).toConstantValue(bindings.version);
  container
    .bind<FunctionAvailability>(tokens.FunctionAvailability)
    .toConstantValue(bindings.availability ?? noWaiting);
  container.bind<RouteModule[]>(ExtraRouteModules).toConstantValue(bindings.extraModules ?? []);
  for (const service of [
    ProviderClient,
    ProviderForwarder,
    UpstreamAgents,
    EndpointResolver,
    GatewayMetrics,
    ServiceCountRefresher,
    Invoker,
    InvokeRoutes,
    SystemRoutes,
    InfoRoutes,
    LogsRoutes,
    HealthRoutes,
    MetricsRoutes,
    Gateway,
  ] as Newable<object>[]) {
    container.bind(service).toSelf().inSingletonScope();
  }
  container
    .bind<InvocationObserver>(tokens.InvocationObserver)
    .toDynamicValue((ctx) => observeAll([ctx.get(GatewayMetrics), ...(bindings.observers ?? [])]));
  container
    .bind<InvocationCounts>(tokens.InvocationCounts)
    .toDynamicValue((ctx) =>
      config.prometheusHost
        ? new PrometheusInvocationCounts(config.prometheusHost, config.prometheusPort)
        : new LocalInvocationCounts(ctx.get(GatewayMetrics)),
    );
  return container;
}
