// The Swarm provider process: config from the environment, check the swarm, listen, drain on SIGTERM.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Dockerode from 'dockerode';
import type { ProviderApp } from '@faas/provider-http';
import { ConfigError, closeGracefully, createLogger } from '@faas/service-kit';
import { loadSwarmProviderConfig } from './config.js';
import type { SwarmProviderConfig } from './config.js';
import { buildContainer, ProviderAppToken } from './container.js';
import { readCredentials } from './credentials.js';
import * as tokens from './tokens.js';
import { providerVersion } from './version.js';

async function main(): Promise<void> {
  let config: SwarmProviderConfig;
  try {
    config = loadSwarmProviderConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`provider-swarm: ${err.message}`);
    process.exit(2);
  }
  const logger = createLogger({ name: 'provider-swarm', level: config.logLevel });
  const credentials = config.basicAuth ? await readCredentials(config.secretMountPath) : undefined;
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
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.bindAddress, resolve);
  });
  const { port } = server.address() as AddressInfo;
  logger.info('faas swarm provider listening', {
    url: `http://${config.bindAddress}:${port}`,
    orchestration: 'swarm',
    docker: config.dockerHost,
    resolver: config.replicaResolver,
    auth: credentials ? `user ${credentials.user}, password in ${config.secretMountPath}` : 'off',
  });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    await closeGracefully(server, 10_000);
    app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`provider-swarm: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
