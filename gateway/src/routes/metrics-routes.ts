import type { Router } from 'express';
import { inject, injectable } from '../di.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import type { RouteModule } from './route-module.js';

/** `GET /metrics`: this app's registry in Prometheus text format (gateway/README.md, Metrics). */
@injectable()
export class MetricsRoutes implements RouteModule {
  readonly name = 'metrics';

  constructor(@inject(GatewayMetrics) private readonly metrics: GatewayMetrics) {}

  register(router: Router): void {
    router.get('/metrics', async (_req, res) => {
      res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
    });
  }
}
