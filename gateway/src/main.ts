// The gateway process: read config and credentials, assemble, listen, drain on SIGTERM.
import { openQueueBackend } from '@faas/queue';
import { runService } from '@faas/service-kit';
import { loadGatewayConfig } from './config.js';
import { readCredentials } from './auth/credentials.js';
import { createGateway } from './container.js';
import { gatewayVersion } from './version.js';

void runService({
  name: 'gateway',
  load: loadGatewayConfig,
  build: async (config, logger) => {
    const credentials = config.basicAuth ? await readCredentials(config.secretMountPath) : null;
    // The embedded queue needs its worker in the same process (npm start); alone, only NATS works.
    const queue = config.backend === 'nats' ? await openQueueBackend(config, logger, 'gateway') : undefined;
    if (!queue)
      logger.warn('async invocations are off: set queue_backend=nats (npm start has them built in)');
    const gateway = createGateway(config, { logger, credentials, version: gatewayVersion(), queue });
    return {
      logger,
      http: gateway.http(),
      fields: {
        address: config.bindAddress || 'every interface',
        provider: config.providerUrl,
        basicAuth: config.basicAuth,
      },
      start: () => gateway.start(),
      drainMs: config.shutdownDeadlineMs,
      release: async () => {
        gateway.stop();
        await queue?.close();
      },
    };
  },
});
