// The Kubernetes provider process: configuration, how to reach the API server, credentials, the
// container (asked once), a cluster check, listen; SIGTERM stops watches and drains requests.
import 'reflect-metadata';
import { ConfigError, createLogger, runService } from '@faas/service-kit';
import { loadKubernetesProviderConfig } from './config.js';
import { createContainer } from './container.js';
import { readCredentials } from '@faas/service-kit';
import { KubeConfigError, loadKubeConfig } from './kube/kube-config.js';
import { KubernetesProvider } from './kubernetes-provider.js';

void runService({
  name: 'provider-kubernetes',
  load: (env) => ({ config: loadKubernetesProviderConfig(env), cluster: loadKubeConfig(env) }),
  alsoExitOn: [KubeConfigError],
  logger: ({ config }) => createLogger({ name: 'provider-kubernetes', level: config.logLevel }),
  build: async ({ config, cluster }, logger) => {
    const credentials = config.basicAuth
      ? {
          auth: await readCredentials(config.secretMountPath).catch((err: Error) => {
            throw new ConfigError([err.message]);
          }),
        }
      : {};
    const provider = createContainer({ config, logger, kubeConfig: cluster.kubeConfig, credentials }).get(
      KubernetesProvider,
    );
    try {
      await provider.start(cluster.source);
    } catch (err) {
      await provider.close();
      throw err;
    }
    return {
      logger,
      title: 'faas Kubernetes provider',
      http: {
        handler: provider.app,
        upgrade: provider.app.upgrade,
        port: config.port,
        host: config.bindAddress,
      },
      fields: {
        orchestration: 'kubernetes',
        apiServer: cluster.server,
        via: cluster.source,
        functionNamespace: config.functionNamespace,
        auth: config.basicAuth ? `basic, from ${config.secretMountPath}` : 'off',
      },
      release: () => provider.close(),
    };
  },
});
