import { inject, injectable } from 'inversify';
import type { FunctionStatus } from '@faas/contracts';
import { FunctionInformers } from '../kube/informers.js';
import { toFunctionStatus } from '../mapping/function-status.js';
import type { FunctionReader } from '../tokens.js';
import { unavailable } from './unavailable.js';

/**
 * Functions read from the Deployment informer: no API call per request. `usage` is not reported
 * (it would need metrics-server; the gateway's Prometheus metrics cover invocations).
 */
@injectable()
export class KubeFunctionReader implements FunctionReader {
  constructor(@inject(FunctionInformers) private readonly functions: FunctionInformers) {}

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
    return deployment && toFunctionStatus(deployment);
  }
}
