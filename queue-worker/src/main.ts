// The queue worker process: read config, open the queue, serve /metrics and /healthz, pull until
// SIGTERM, then let the jobs in hand finish (or put them back) before exiting.
import type { RequestListener } from 'node:http';
import { openQueueBackend } from '@faas/queue';
import { runService } from '@faas/service-kit';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { gatewayUrl, loadWorkerConfig } from './config.js';
import { createQueueWorker } from './create-worker.js';

/** `/healthz` and `/metrics` of the registry; anything else 404. */
function metricsApp(registry: Registry): RequestListener {
  return (req, res) => {
    if (req.url === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('OK\n');
    if (req.url !== '/metrics')
      return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found.\n');
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  };
}

void runService({
  name: 'queue-worker',
  load: loadWorkerConfig,
  build: async (config, logger) => {
    if (config.backend === 'embedded') {
      logger.warn(
        'queue_backend=embedded: only a gateway in this same process could publish to it; use nats for a separate worker',
      );
    }
    const backend = await openQueueBackend(config, logger, 'faas-queue-worker');
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const { worker, close } = createQueueWorker({ config, backend, logger, registry });
    return {
      logger,
      title: 'queue worker (/metrics)',
      http: { handler: metricsApp(registry), port: config.port, host: '' },
      fields: { backend: backend.kind, queue: config.queueName, gateway: gatewayUrl(config) },
      start: () => worker.start(),
      // The jobs in hand finish (or go back) while /healthz still answers; then the server closes.
      finish: async () => {
        logger.info('finishing the jobs in hand', { graceMs: config.shutdownTimeout });
        await worker.stop(config.shutdownTimeout);
        await backend.close();
        close();
      },
      drainMs: 1_000,
    };
  },
});
