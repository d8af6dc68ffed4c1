// The composition root: every binding of the Kubernetes provider, and nothing else. main.ts asks
// it for one object, once (KubernetesProvider); tests build roles with `new` and fakes instead.
import { Container } from 'inversify';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger as KitLogger } from '@faas/service-kit';
import { functionObjectOptions } from './config.js';
import type { KubernetesProviderConfig as Config } from './config.js';
import { ProviderCredentials } from './credentials.js';
import { KubeClients, createKubeClients } from './kube/clients.js';
import {
  EndpointSliceInformers,
  FunctionInformers,
  NamespaceInformer,
  createEndpointSliceInformers,
  createFunctionInformers,
  createNamespaceInformer,
} from './kube/informers.js';
import { KubernetesProvider } from './kubernetes-provider.js';
import { kubernetesProviderInfo } from './provider-info.js';
import { AnnotatedNamespaceLister } from './roles/annotated-namespace-lister.js';
import { EndpointSliceResolver } from './roles/endpoint-slice-resolver.js';
import { KubeDeployer } from './roles/kube-deployer.js';
import { KubeFunctionReader } from './roles/kube-function-reader.js';
import { KubeLogReader } from './roles/kube-log-reader.js';
import { KubeScaler } from './roles/kube-scaler.js';
import { KubeSecretStore } from './roles/kube-secret-store.js';
import {
  FunctionDeployer,
  FunctionObjectOptions,
  FunctionReader,
  FunctionScaler,
  KubernetesProviderConfig,
  LogReader,
  Logger,
  NamespaceLister,
  ProviderRoles,
  ReplicaResolver,
  SecretStore,
} from './tokens.js';

/** What the container is built from: the things main.ts reads before anything else runs. */
export interface ContainerInputs {
  /** The loaded configuration. */
  config: Config;
  /** The process logger. */
  logger: KitLogger;
  /** How to reach the API server. */
  kubeConfig: KubeConfig;
  /** Basic-auth credentials, or `{}` when auth is off. */
  credentials: ProviderCredentials;
}

/** Builds the container with every binding, all singletons. */
export function createContainer(inputs: ContainerInputs): Container {
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(KubernetesProviderConfig).toConstantValue(inputs.config);
  c.bind(Logger).toConstantValue(inputs.logger);
  c.bind(ProviderCredentials).toConstantValue(inputs.credentials);
  c.bind(KubeClients).toConstantValue(createKubeClients(inputs.kubeConfig));
  c.bind(FunctionObjectOptions).toConstantValue(functionObjectOptions(inputs.config));
  c.bind(FunctionInformers)
    .toDynamicValue((ctx) => createFunctionInformers(ctx.get(KubeClients), ctx.get(Logger)))
    .inSingletonScope();
  c.bind(EndpointSliceInformers)
    .toDynamicValue((ctx) => createEndpointSliceInformers(ctx.get(KubeClients), ctx.get(Logger)))
    .inSingletonScope();
  c.bind(NamespaceInformer)
    .toDynamicValue((ctx) => createNamespaceInformer(ctx.get(KubeClients), ctx.get(Logger)))
    .inSingletonScope();
  c.bind(FunctionDeployer).to(KubeDeployer).inSingletonScope();
  c.bind(FunctionReader).to(KubeFunctionReader).inSingletonScope();
  c.bind(FunctionScaler).to(KubeScaler).inSingletonScope();
  c.bind(ReplicaResolver).to(EndpointSliceResolver).inSingletonScope();
  c.bind(SecretStore).to(KubeSecretStore).inSingletonScope();
  c.bind(LogReader).to(KubeLogReader).inSingletonScope();
  c.bind(NamespaceLister).to(AnnotatedNamespaceLister).inSingletonScope();
  c.bind(ProviderRoles)
    .toDynamicValue((ctx): ProviderRoles => ({
      info: kubernetesProviderInfo(ctx.get<KubernetesProviderConfig>(KubernetesProviderConfig).gitSha),
      defaultNamespace: ctx.get<KubernetesProviderConfig>(KubernetesProviderConfig).functionNamespace,
      deployer: ctx.get(FunctionDeployer),
      reader: ctx.get(FunctionReader),
      scaler: ctx.get(FunctionScaler),
      resolver: ctx.get(ReplicaResolver),
      secrets: ctx.get(SecretStore),
      namespaces: ctx.get(NamespaceLister),
      logs: ctx.get(LogReader),
    }))
    .inSingletonScope();
  c.bind(KubernetesProvider).toSelf().inSingletonScope();
  return c;
}
