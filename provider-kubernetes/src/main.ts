// The Kubernetes provider process: configuration, how to reach the API server, credentials, the
// container (asked once), a cluster check, listen; SIGTERM stops watches and drains requests.
import 'reflect-metadata';
import { loadOrExit, serveProvider } from '@faas/provider-http';
import { createLogger } from '@faas/service-kit';
import { loadKubernetesProviderConfig } from './config.js';
import { createContainer } from './container.js';
import { readCredentials } from '@faas/service-kit';
import { KubeConfigError, loadKubeConfig } from './kube/kube-config.js';
import { KubernetesProvider } from './kubernetes-provider.js';

function fail(message: string, code: number): never {
  console.error(`provider-kubernetes: ${message}`);
  process.exit(code);
}

async function main(): Promise<void> {
  const { config, cluster } = loadOrExit(
    'provider-kubernetes',
    () => ({ config: loadKubernetesProviderConfig(process.env), cluster: loadKubeConfig(process.env) }),
    { alsoExitOn: [KubeConfigError] },
  );
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
  await serveProvider({
    name: 'faas Kubernetes provider',
    handler: provider.app,
    port: config.port,
    host: config.bindAddress,
    logger,
    fields: {
      orchestration: 'kubernetes',
      apiServer: cluster.server,
      via: cluster.source,
      functionNamespace: config.functionNamespace,
      auth: config.basicAuth ? `basic, from ${config.secretMountPath}` : 'off',
    },
    release: () => provider.close(),
  });
}

main().catch((err: unknown) => fail((err as Error).stack ?? String(err), 1));
