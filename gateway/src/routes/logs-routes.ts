import type { Router } from 'express';
import { inject, injectable } from '../di.js';
import { ProviderForwarder } from '../provider/provider-forwarder.js';
import type { RouteModule } from './route-module.js';

/**
 * `GET /system/logs`: the provider's NDJSON stream passed on chunk by chunk as it arrives (the
 * provider flushes one line at a time), with no write timeout, so `follow=true` stays open.
 */
@injectable()
export class LogsRoutes implements RouteModule {
  readonly name = 'logs';

  constructor(@inject(ProviderForwarder) private readonly forwarder: ProviderForwarder) {}

  register(router: Router): void {
    router.get('/system/logs', async (req, res) => {
      await this.forwarder.forward(req, res, req.originalUrl, { writeTimeoutMs: 0 });
    });
  }
}
