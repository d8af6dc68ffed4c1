import type { HttpServing, Logger } from '@faas/service-kit';
import type { Registry } from 'prom-client';
import { inject, injectable } from 'inversify';
import * as tokens from './tokens.js';
import { createApp } from './app.js';
import type { GatewayApp } from './app.js';
import type { Credentials } from './auth/credentials.js';
import type { GatewayConfig } from './config.js';
import { GatewayMetrics } from './metrics/gateway-metrics.js';
import { ServiceCountRefresher } from './metrics/service-count-refresher.js';
import { ProviderClient } from './provider/provider-client.js';
import { UpstreamAgents } from './proxy/agents.js';
import { GatewayHandlers } from './routes/gateway-handlers.js';
import { InvokeRoutes } from './routes/invoke-routes.js';
import { ExtraRouteModules } from './routes/route-module.js';
import type { RouteModule } from './routes/route-module.js';
import { SystemRoutes } from './routes/system-routes.js';
import { Scaling } from './scaling/create-scaling.js';
import { UpgradeInvoker } from './invoke/upgrade-invoker.js';
import { applyServerTimeouts } from './server.js';

/** The assembled gateway: its app, and the background work and pools it owns. */
@injectable()
export class Gateway {
  /** The HTTP app (`app.handler` goes to `http.createServer`). */
  readonly app: GatewayApp;
  /** The `upgrade` listener (WebSockets on `/function/{name}`): `server.on('upgrade', gateway.upgrade)`. */
  readonly upgrade: UpgradeInvoker['listener'];
  /** The gateway's metrics registry (the platform's in-process queue worker adds its own there). */
  readonly registry: Registry;

  constructor(
    @inject(tokens.GatewayConfig) private readonly config: GatewayConfig,
    @inject(tokens.Logger) logger: Logger,
    @inject(tokens.Credentials) credentials: Credentials | null,
    @inject(InvokeRoutes) invoke: InvokeRoutes,
    @inject(SystemRoutes) system: SystemRoutes,
    @inject(GatewayHandlers) handlers: GatewayHandlers,
    @inject(ExtraRouteModules) extraModules: RouteModule[],
    @inject(ServiceCountRefresher) private readonly refresher: ServiceCountRefresher,
    @inject(ProviderClient) private readonly provider: ProviderClient,
    @inject(UpstreamAgents) private readonly agents: UpstreamAgents,
    @inject(Scaling) private readonly scaling: Scaling,
    @inject(UpgradeInvoker) upgrades: UpgradeInvoker,
    @inject(GatewayMetrics) metrics: GatewayMetrics,
  ) {
    this.upgrade = upgrades.listener;
    this.registry = metrics.registry;
    this.app = createApp({
      logger,
      credentials,
      handlers: { ...handlers.handlers(), ...system.handlers() },
      modules: [invoke, ...extraModules],
    });
  }

  /** What to listen with: the app, WebSocket upgrades, `port`/`bind_address` and the read timeouts. */
  http(): HttpServing {
    return {
      handler: this.app.handler,
      upgrade: this.upgrade,
      port: this.config.port,
      host: this.config.bindAddress,
      configure: (server) => applyServerTimeouts(server, this.config),
    };
  }

  /** Starts background work (the `gateway_service_count` refresh, the autoscaler, idling). */
  start(): void {
    this.refresher.start();
    this.scaling.start();
  }

  /** Stops background work and closes pooled upstream sockets; call after the server closed. */
  stop(): void {
    this.refresher.stop();
    void this.scaling.stop();
    this.provider.close();
    this.agents.close();
  }
}
