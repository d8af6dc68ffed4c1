import { inject, injectable } from 'inversify';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { FaasError } from '@faas/contracts';
import { KubeClients } from '../kube/clients.js';
import { translateApiError } from '../kube/api-errors.js';
import { atLeastVersion } from '../kube/informer-cache.js';
import { FunctionInformers } from '../kube/informers.js';
import type { FunctionScaler } from '../tokens.js';
import { unavailable } from './unavailable.js';

/** Scales through the Deployment's `scale` subresource, the way `kubectl scale` and HPAs do. */
@injectable()
export class KubeScaler implements FunctionScaler {
  constructor(
    @inject(KubeClients) private readonly clients: KubeClients,
    @inject(FunctionInformers) private readonly functions: FunctionInformers,
  ) {}

  async scale(name: string, namespace: string, replicas: number): Promise<void> {
    const cache = await this.functions.in(namespace).catch(unavailable(namespace));
    // Only functions: a Deployment without the faas_function label is not in the cache.
    if (!cache.get(name, namespace)) {
      throw new FaasError('FUNCTION_NOT_FOUND', `function "${name}" in namespace "${namespace}" not found`);
    }
    let resourceVersion: string | undefined;
    try {
      const scale = await this.clients.apps.patchNamespacedDeploymentScale(
        { name, namespace, body: { spec: { replicas } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      resourceVersion = scale.metadata?.resourceVersion;
    } catch (err) {
      throw translateApiError(err, { what: 'function', name, namespace });
    }
    await cache.waitUntil(() =>
      atLeastVersion(cache.get(name, namespace)?.metadata?.resourceVersion, resourceVersion),
    );
  }
}
