// The Kubernetes provider process: configuration, how to reach the API server, credentials, the
// container (asked once), a cluster check, listen; SIGTERM stops watches and drains requests.
import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, closeGracefully, createLogger } from '@faas/service-kit';
import { loadKubernetesProviderConfig } from './config.js';
import type { KubernetesProviderConfig } from './config.js';
import { createContainer } from './container.js';
import { readCredentials } from './credentials.js';
import { KubeConfigError, loadKubeConfig } from './kube/kube-config.js';
import type { LoadedKubeConfig } from './kube/kube-config.js';
import { KubernetesProvider } from './kubernetes-provider.js';

function fail(message: string, code: number): never {
  console.error(`provider-kubernetes: ${message}`);
  process.exit(code);
}

async function main(): Promise<void> {
  let config: KubernetesProviderConfig;
  let cluster: LoadedKubeConfig;
  try {
    config = loadKubernetesProviderConfig(process.env);
    cluster = loadKubeConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof KubeConfigError) fail(err.message, 2);
    throw err;
  }
  const logger = createLogger({ name: 'provider-kubernetes', level: config.logLevel });
  const credentials = config.basicAuth
    ? { auth: await readCredentials(config.secretMountPath).catch((err: Error) => fail(err.message, 2)) }
    : {};
  const provider = createContainer({ config, logger, kubeConfig: cluster.kubeConfig, credentials }).get(
    KubernetesProvider,
  );
  try {
    await provider.start(cluster.source);
  } catch (err) {
    await provider.close();
    fail((err as Error).message, 1);
  }
  const server = createServer(provider.app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.bindAddress, resolve);
  });
  const { port } = server.address() as AddressInfo;
  logger.info('faas Kubernetes provider listening', {
    url: `http://${config.bindAddress}:${port}`,
    orchestration: 'kubernetes',
    apiServer: cluster.server,
    via: cluster.source,
    functionNamespace: config.functionNamespace,
    auth: config.basicAuth ? `basic, from ${config.secretMountPath}` : 'off',
  });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    await closeGracefully(server, 10_000);
    await provider.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => fail((err as Error).stack ?? String(err), 1));
