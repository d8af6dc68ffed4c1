import type { V1Deployment, V1EndpointSlice, V1Namespace } from '@kubernetes/client-node';
import type { Logger } from '@faas/service-kit';
import type { KubeClients } from './clients.js';
import { InformerCache } from './informer-cache.js';
import { NamespacedInformers } from './namespaced-informers.js';
import { FUNCTIONS_SELECTOR } from '../mapping/labels.js';

/** Label EndpointSlices carry to name their Service. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** Deployments labelled `faas_function`, per namespace: the function list without a list call per request. */
export type FunctionInformers = NamespacedInformers<V1Deployment>;
/** Injection token of {@link FunctionInformers}. */
export const FunctionInformers = Symbol('FunctionInformers');

/** EndpointSlices per namespace: which pods of a function are ready, and where. */
export type EndpointSliceInformers = NamespacedInformers<V1EndpointSlice>;
/** Injection token of {@link EndpointSliceInformers}. */
export const EndpointSliceInformers = Symbol('EndpointSliceInformers');

/** Namespaces (cluster-scoped), to find the ones annotated for functions. */
export type NamespaceInformer = InformerCache<V1Namespace>;
/** Injection token of {@link NamespaceInformer}. */
export const NamespaceInformer = Symbol('NamespaceInformer');

/** Watches the functions' Deployments. */
export function createFunctionInformers(
  clients: KubeClients,
  logger: Logger,
  retryMs?: number,
): FunctionInformers {
  return new NamespacedInformers<V1Deployment>(
    clients.config,
    (namespace) => ({
      path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
      labelSelector: FUNCTIONS_SELECTOR,
      list: () => clients.apps.listNamespacedDeployment({ namespace, labelSelector: FUNCTIONS_SELECTOR }),
    }),
    logger,
    retryMs,
  );
}

/** Watches the EndpointSlices of Services. */
export function createEndpointSliceInformers(
  clients: KubeClients,
  logger: Logger,
  retryMs?: number,
): EndpointSliceInformers {
  return new NamespacedInformers<V1EndpointSlice>(
    clients.config,
    (namespace) => ({
      path: `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`,
      labelSelector: SERVICE_NAME_LABEL,
      list: () =>
        clients.discovery.listNamespacedEndpointSlice({ namespace, labelSelector: SERVICE_NAME_LABEL }),
    }),
    logger,
    retryMs,
  );
}

/** Watches namespaces (started on first use by the namespace lister). */
export function createNamespaceInformer(
  clients: KubeClients,
  logger: Logger,
  retryMs?: number,
): NamespaceInformer {
  return new InformerCache<V1Namespace>(
    clients.config,
    { path: '/api/v1/namespaces', list: () => clients.core.listNamespace() },
    logger,
    retryMs,
  );
}
