// The queue worker process: read config, open the queue, serve /metrics and /healthz, pull until
// SIGTERM, then let the jobs in hand finish (or put them back) before exiting.
import { createServer } from 'node:http';
import { openQueueBackend } from '@faas/queue';
import { ConfigError, closeGracefully, createLogger } from '@faas/service-kit';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { gatewayUrl, loadWorkerConfig } from './config.js';
import { createQueueWorker } from './create-worker.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadWorkerConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger({ name: 'queue-worker', level: config.logLevel });
  if (config.backend === 'embedded') {
    logger.warn(
      'queue_backend=embedded: only a gateway in this same process could publish to it; use nats for a separate worker',
    );
  }
  const backend = await openQueueBackend(config, logger, 'faas-queue-worker');
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const { worker, close } = createQueueWorker({ config, backend, logger, registry });

  const server = createServer((req, res) => {
    if (req.url === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('OK\n');
    if (req.url !== '/metrics')
      return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found.\n');
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  server.listen(config.port, () => {
    logger.info('queue worker listening for /metrics', {
      port: config.port,
      backend: backend.kind,
      queue: config.queueName,
      gateway: gatewayUrl(config),
    });
    worker.start();
  });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping: finishing the jobs in hand', { signal, graceMs: config.shutdownTimeout });
    await worker.stop(config.shutdownTimeout);
    await backend.close();
    close();
    await closeGracefully(server, 1_000);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`queue-worker: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
