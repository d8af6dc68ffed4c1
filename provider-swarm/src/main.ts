// The Swarm provider process: config from the environment, credentials, check the swarm, listen;
// SIGTERM drains requests (service-kit's runService).
import type Dockerode from 'dockerode';
import type { ProviderApp } from '@faas/provider-http';
import { ConfigError, readCredentials, runService } from '@faas/service-kit';
import { loadSwarmProviderConfig } from './config.js';
import { buildContainer, ProviderAppToken } from './container.js';
import * as tokens from './tokens.js';
import { providerVersion } from './version.js';

void runService({
  name: 'provider-swarm',
  load: loadSwarmProviderConfig,
  build: async (config, logger) => {
    const credentials = config.basicAuth
      ? await readCredentials(config.secretMountPath).catch((err: Error) => {
          throw new ConfigError([err.message]);
        })
      : undefined;
    const container = buildContainer({ config, logger, credentials, version: providerVersion(process.env) });
    const app = container.get<ProviderApp>(ProviderAppToken);
    const info = (await container.get<Dockerode>(tokens.Docker).info()) as {
      Swarm?: { ControlAvailable?: boolean };
    };
    if (!info.Swarm?.ControlAvailable) {
      logger.warn('this Docker engine is not a swarm manager: every call will fail until it is', {
        docker: config.dockerHost,
      });
    }
    return {
      logger,
      title: 'faas swarm provider',
      http: { handler: app, upgrade: app.upgrade, port: config.port, host: config.bindAddress },
      fields: {
        orchestration: 'swarm',
        docker: config.dockerHost,
        resolver: config.replicaResolver,
        auth: credentials ? `user ${credentials.user}, password in ${config.secretMountPath}` : 'off',
      },
      release: () => app.close(),
    };
  },
});
