import type { Logger } from '@faas/service-kit';
import { inject, injectable } from './di.js';
import * as tokens from './tokens.js';
import { createApp } from './app.js';
import type { GatewayApp } from './app.js';
import type { Credentials } from './auth/credentials.js';
import { ServiceCountRefresher } from './metrics/service-count-refresher.js';
import { ProviderClient } from './provider/provider-client.js';
import { UpstreamAgents } from './proxy/agents.js';
import { HealthRoutes } from './routes/health-routes.js';
import { InfoRoutes } from './routes/info-routes.js';
import { InvokeRoutes } from './routes/invoke-routes.js';
import { LogsRoutes } from './routes/logs-routes.js';
import { MetricsRoutes } from './routes/metrics-routes.js';
import { ExtraRouteModules } from './routes/route-module.js';
import type { RouteModule } from './routes/route-module.js';
import { SystemRoutes } from './routes/system-routes.js';
import { Scaling } from './scaling/create-scaling.js';
import { UpgradeInvoker } from './invoke/upgrade-invoker.js';

/** The assembled gateway: its app, and the background work and pools it owns. */
@injectable()
export class Gateway {
  /** The HTTP app (`app.handler` goes to `http.createServer`). */
  readonly app: GatewayApp;
  /** The `upgrade` listener (WebSockets on `/function/{name}`): `server.on('upgrade', gateway.upgrade)`. */
  readonly upgrade: UpgradeInvoker['listener'];

  constructor(
    @inject(tokens.Logger) logger: Logger,
    @inject(tokens.Credentials) credentials: Credentials | null,
    @inject(InvokeRoutes) invoke: InvokeRoutes,
    @inject(SystemRoutes) system: SystemRoutes,
    @inject(InfoRoutes) info: InfoRoutes,
    @inject(LogsRoutes) logs: LogsRoutes,
    @inject(HealthRoutes) health: HealthRoutes,
    @inject(MetricsRoutes) metrics: MetricsRoutes,
    @inject(ExtraRouteModules) extraModules: RouteModule[],
    @inject(ServiceCountRefresher) private readonly refresher: ServiceCountRefresher,
    @inject(ProviderClient) private readonly provider: ProviderClient,
    @inject(UpstreamAgents) private readonly agents: UpstreamAgents,
    @inject(Scaling) private readonly scaling: Scaling,
    @inject(UpgradeInvoker) upgrades: UpgradeInvoker,
  ) {
    this.upgrade = upgrades.listener;
    this.app = createApp({
      logger,
      credentials,
      modules: [invoke, health, metrics, info, logs, system],
      extraModules,
    });
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
