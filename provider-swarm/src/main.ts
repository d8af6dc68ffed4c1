// The Swarm provider process: config from the environment, credentials, check the swarm, listen
// (provider-http's serveProvider: drain on SIGTERM).
import type Dockerode from 'dockerode';
import { loadOrExit, serveProvider } from '@faas/provider-http';
import type { ProviderApp } from '@faas/provider-http';
import { createLogger, readCredentials } from '@faas/service-kit';
import { loadSwarmProviderConfig } from './config.js';
import { buildContainer, ProviderAppToken } from './container.js';
import * as tokens from './tokens.js';
import { providerVersion } from './version.js';

function fail(message: string, code: number): never {
  console.error(`provider-swarm: ${message}`);
  process.exit(code);
}

async function main(): Promise<void> {
  const config = loadOrExit('provider-swarm', () => loadSwarmProviderConfig(process.env));
  const logger = createLogger({ name: 'provider-swarm', level: config.logLevel });
  const credentials = config.basicAuth
    ? await readCredentials(config.secretMountPath).catch((err: Error) => fail(err.message, 2))
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
  await serveProvider({
    name: 'faas swarm provider',
    handler: app,
    port: config.port,
    host: config.bindAddress,
    logger,
    fields: {
      orchestration: 'swarm',
      docker: config.dockerHost,
      resolver: config.replicaResolver,
      auth: credentials ? `user ${credentials.user}, password in ${config.secretMountPath}` : 'off',
    },
    release: () => app.close(),
  });
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err), 1));
