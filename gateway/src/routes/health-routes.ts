import type { Router } from 'express';
import { FaasError } from '@faas/contracts';
import { inject, injectable } from '../di.js';
import { ProviderClient } from '../provider/provider-client.js';
import type { RouteModule } from './route-module.js';

/** How long `/healthz` waits for the provider. */
const PROVIDER_HEALTH_TIMEOUT_MS = 2_000;

/** `GET /healthz`: 200 only while the provider answers its own `/healthz`. */
@injectable()
export class HealthRoutes implements RouteModule {
  readonly name = 'health';

  constructor(@inject(ProviderClient) private readonly provider: ProviderClient) {}

  register(router: Router): void {
    router.get('/healthz', async (_req, res) => {
      const status = await this.provider
        .call('GET', '/healthz', { timeoutMs: PROVIDER_HEALTH_TIMEOUT_MS })
        .then((answer) => answer.status)
        .catch(() => 0);
      if (status !== 200) throw new FaasError('UNAVAILABLE', 'Provider unavailable.');
      res.type('text/plain').send('OK');
    });
  }
}
