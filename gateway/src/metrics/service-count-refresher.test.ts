import { MemoryLogger } from '@faas/service-kit';
import { FakeProvider } from '../../test/support/fake-provider.js';
import { loadGatewayConfig } from '../config.js';
import { ProviderClient } from '../provider/provider-client.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { ServiceCountRefresher } from './service-count-refresher.js';

describe('ServiceCountRefresher', () => {
  it('sets desired replicas per function and keeps them when the provider goes away', async () => {
    const provider = await new FakeProvider().start();
    provider.add('f', [], 'openfaas-fn', 4);
    const config = loadGatewayConfig({ functions_provider_url: provider.url, upstream_timeout: '500ms' });
    const client = new ProviderClient(config, null);
    const metrics = new GatewayMetrics();
    const logger = new MemoryLogger();
    const refresher = new ServiceCountRefresher(client, metrics, config, logger);
    try {
      await refresher.refresh();
      expect(await metrics.registry.getSingleMetricAsString('gateway_service_count')).toContain(
        'gateway_service_count{function_name="f.openfaas-fn"} 4',
      );
      await provider.close();
      await refresher.refresh();
      expect(await metrics.registry.getSingleMetricAsString('gateway_service_count')).toContain(
        'gateway_service_count{function_name="f.openfaas-fn"} 4',
      );
      expect(logger.entries.some((e) => e.msg === 'service count refresh failed')).toBe(true);
    } finally {
      client.close();
      await provider.close();
    }
  });
});
