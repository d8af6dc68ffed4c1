// The gateway process: read config and credentials, assemble, listen, drain on SIGTERM.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openQueueBackend } from '@faas/queue';
import { ConfigError, closeGracefully, createLogger } from '@faas/service-kit';
import { loadGatewayConfig } from './config.js';
import { readCredentials } from './auth/credentials.js';
import { buildContainer } from './container.js';
import { Gateway } from './gateway.js';
import { applyServerTimeouts } from './server.js';
import { gatewayVersion } from './version.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadGatewayConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger({ name: 'gateway', level: config.logLevel });
  const credentials = config.basicAuth ? await readCredentials(config.secretMountPath) : null;
  // The embedded queue needs its worker in the same process (npm start); alone, only NATS works.
  const queue = config.backend === 'nats' ? await openQueueBackend(config, logger, 'gateway') : undefined;
  if (!queue) logger.warn('async invocations are off: set queue_backend=nats (npm start has them built in)');
  const gateway = buildContainer({ config, logger, credentials, version: gatewayVersion(), queue }).get(
    Gateway,
  );

  const server = applyServerTimeouts(createServer(gateway.app.handler), config);
  server.on('upgrade', gateway.upgrade);
  server.listen(config.port, config.bindAddress || undefined, () => {
    const { address, port } = server.address() as AddressInfo;
    logger.info('gateway listening', {
      address: config.bindAddress === '' ? 'every interface' : address,
      port,
      provider: config.providerUrl,
      basicAuth: config.basicAuth,
    });
    gateway.start();
  });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping: draining in-flight requests', { signal, deadlineMs: config.shutdownDeadlineMs });
    await closeGracefully(server, config.shutdownDeadlineMs);
    gateway.stop();
    await queue?.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`gateway: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
