import { inject, injectable } from 'inversify';
import type { V1EndpointSlice } from '@kubernetes/client-node';
import { FaasError, WATCHDOG_PORT } from '@faas/contracts';
import { EndpointSliceInformers, FunctionInformers, SERVICE_NAME_LABEL } from '../kube/informers.js';
import type { ReplicaResolver } from '../tokens.js';
import { unavailable } from './unavailable.js';

/**
 * Ready replicas from the function Service's EndpointSlices, kept current by a watch: the pod IPs
 * themselves, not the ClusterIP, so the caller (the shared invoke proxy's round-robin balancer, or
 * the gateway through `/system/endpoints`) spreads requests across replicas even over keep-alive
 * connections. The list is sorted, so balancing by position is fair.
 */
@injectable()
export class EndpointSliceResolver implements ReplicaResolver {
  constructor(
    @inject(FunctionInformers) private readonly functions: FunctionInformers,
    @inject(EndpointSliceInformers) private readonly slices: EndpointSliceInformers,
  ) {}

  async resolve(name: string, namespace: string): Promise<string[]> {
    const functions = await this.functions.in(namespace).catch(unavailable(namespace));
    if (!functions.get(name, namespace)) {
      throw new FaasError('FUNCTION_NOT_FOUND', `function "${name}" in namespace "${namespace}" not found`);
    }
    const slices = await this.slices.in(namespace).catch(unavailable(namespace, 'endpointslices'));
    return [
      ...new Set(
        slices
          .list()
          .filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === name)
          .flatMap(readyUrls),
      ),
    ].sort();
  }
}

/** The watchdog URLs of a slice's ready endpoints (`ready` unset counts as ready, per the API docs). */
export function readyUrls(slice: V1EndpointSlice): string[] {
  const ports = slice.ports ?? [];
  const port =
    ports.find((p) => p.name === 'http')?.port ?? (ports.length === 1 ? ports[0]?.port : undefined);
  const ipv6 = slice.addressType === 'IPv6';
  return (slice.endpoints ?? [])
    .filter((e) => e.conditions?.ready !== false)
    .flatMap((e) => e.addresses.map((a) => `http://${ipv6 ? `[${a}]` : a}:${port ?? WATCHDOG_PORT}`));
}
