import { inject, injectable } from 'inversify';
import { setNotReadyReason } from '@faas/contracts';
import type { FunctionStatus } from '@faas/contracts';
import { KubeClients } from '../kube/clients.js';
import { FunctionInformers } from '../kube/informers.js';
import { toFunctionStatus } from '../mapping/function-status.js';
import { FUNCTION_LABEL } from '../mapping/labels.js';
import { notReadyReason } from '../mapping/not-ready-reason.js';
import type { FunctionReader } from '../tokens.js';
import { unavailable } from './unavailable.js';

/**
 * Functions read from the Deployment informer: no API call per list. Reading one function whose
 * replicas are not all available also lists its pods, for `notReadyReason`. `usage` is not
 * reported (it would need metrics-server; the gateway's Prometheus metrics cover invocations).
 */
@injectable()
export class KubeFunctionReader implements FunctionReader {
  constructor(
    @inject(FunctionInformers) private readonly functions: FunctionInformers,
    @inject(KubeClients) private readonly clients: KubeClients,
  ) {}

  async list(namespace: string): Promise<FunctionStatus[]> {
    const cache = await this.functions.in(namespace).catch(unavailable(namespace));
    return cache
      .list()
      .map(toFunctionStatus)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(name: string, namespace: string): Promise<FunctionStatus | undefined> {
    const cache = await this.functions.in(namespace).catch(unavailable(namespace));
    const deployment = cache.get(name, namespace);
    if (!deployment) return undefined;
    const status = toFunctionStatus(deployment);
    if (status.availableReplicas < status.replicas) {
      setNotReadyReason(status, await this.notReadyReason(name, namespace));
    }
    return status;
  }

  /** Why the function's pods are not ready; none when the pods cannot be read (the status still is). */
  private async notReadyReason(name: string, namespace: string): Promise<string | undefined> {
    try {
      const pods = await this.clients.core.listNamespacedPod({
        namespace,
        labelSelector: `${FUNCTION_LABEL}=${name}`,
      });
      return notReadyReason(pods.items);
    } catch {
      return undefined;
    }
  }
}
