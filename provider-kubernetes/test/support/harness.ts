// Builds the provider's roles against a fresh fake API server, the way the container does, but
// with `new` and short retry times (STYLE: fakes passed by constructor in tests).
import type { ProviderRoles } from '@faas/provider-http';
import { MemoryLogger } from '@faas/service-kit';
import { kubernetesProviderInfo } from '../../src/provider-info.js';
import { FakeApiServer } from '../fake-apiserver/server.js';
import type { FakeApiServerOptions } from '../fake-apiserver/server.js';
import { createKubeClients } from '../../src/kube/clients.js';
import type { KubeClients } from '../../src/kube/clients.js';
import {
  createEndpointSliceInformers,
  createFunctionInformers,
  createNamespaceInformer,
} from '../../src/kube/informers.js';
import type {
  EndpointSliceInformers,
  FunctionInformers,
  NamespaceInformer,
} from '../../src/kube/informers.js';
import { DEFAULT_FUNCTION_OBJECT_OPTIONS } from '../../src/mapping/function-options.js';
import { KubeDeployer } from '../../src/roles/kube-deployer.js';
import { KubeFunctionReader } from '../../src/roles/kube-function-reader.js';
import { KubeScaler } from '../../src/roles/kube-scaler.js';
import { EndpointSliceResolver } from '../../src/roles/endpoint-slice-resolver.js';
import { KubeSecretStore } from '../../src/roles/kube-secret-store.js';
import { KubeLogReader } from '../../src/roles/kube-log-reader.js';
import { AnnotatedNamespaceLister } from '../../src/roles/annotated-namespace-lister.js';

/** A fake cluster and the provider's roles wired to it. */
export interface Harness {
  fake: FakeApiServer;
  logger: MemoryLogger;
  clients: KubeClients;
  functions: FunctionInformers;
  slices: EndpointSliceInformers;
  namespaceInformer: NamespaceInformer;
  deployer: KubeDeployer;
  reader: KubeFunctionReader;
  scaler: KubeScaler;
  resolver: EndpointSliceResolver;
  secrets: KubeSecretStore;
  logs: KubeLogReader;
  namespaces: AnnotatedNamespaceLister;
  /** Stops the informers and the fake server. */
  close(): Promise<void>;
}

/** Starts a fake cluster with the namespace `openfaas-fn` and builds the roles. */
export async function startHarness(options: FakeApiServerOptions = {}): Promise<Harness> {
  const fake = await new FakeApiServer(options).start();
  fake.createNamespace('openfaas-fn');
  const logger = new MemoryLogger();
  const clients = createKubeClients(fake.kubeConfig());
  const functions = createFunctionInformers(clients, logger, 50);
  const slices = createEndpointSliceInformers(clients, logger, 50);
  const namespaceInformer = createNamespaceInformer(clients, logger, 50);
  return {
    fake,
    logger,
    clients,
    functions,
    slices,
    namespaceInformer,
    deployer: new KubeDeployer(clients, functions, DEFAULT_FUNCTION_OBJECT_OPTIONS, logger),
    reader: new KubeFunctionReader(functions, clients),
    scaler: new KubeScaler(clients, functions),
    resolver: new EndpointSliceResolver(functions, slices),
    secrets: new KubeSecretStore(clients),
    logs: new KubeLogReader(clients, functions, slices, logger),
    namespaces: new AnnotatedNamespaceLister(namespaceInformer, { functionNamespace: 'openfaas-fn' }, logger),
    async close() {
      await Promise.all([functions.stop(), slices.stop(), namespaceInformer.stop()]);
      await fake.stop();
    },
  };
}

/** The roles as `createProviderApp` takes them (what the container binds to ProviderRoles). */
export function providerRoles(h: Harness): ProviderRoles {
  return {
    info: kubernetesProviderInfo('test'),
    defaultNamespace: 'openfaas-fn',
    deployer: h.deployer,
    reader: h.reader,
    scaler: h.scaler,
    resolver: h.resolver,
    secrets: h.secrets,
    namespaces: h.namespaces,
    logs: h.logs,
  };
}

/** The FaasError (or other error) a promise rejects with. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code?: string; status?: number; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code?: string; status?: number; message: string };
  }
  throw new Error('expected a rejection');
}
