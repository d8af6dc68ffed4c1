import { inject, injectable } from 'inversify';
import type { V1EndpointSlice } from '@kubernetes/client-node';
import { FaasError, WATCHDOG_PORT } from '@faas/contracts';
import { EndpointSliceInformers, FunctionInformers, SERVICE_NAME_LABEL } from '../kube/informers.js';
import type { ReplicaResolver } from '../tokens.js';
import { unavailable } from './unavailable.js';

/**
 * Ready replicas from the function Service's EndpointSlices, kept current by a watch: the pod IPs
 * themselves, not the ClusterIP, so the proxy spreads requests across replicas even over
 * keep-alive connections. The list starts at a different replica on each call (round robin),
 * so a caller that takes the first URL still balances.
 */
@injectable()
export class EndpointSliceResolver implements ReplicaResolver {
  private readonly turns = new Map<string, number>();

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
    const urls = [
      ...new Set(
        slices
          .list()
          .filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === name)
          .flatMap(readyUrls),
      ),
    ].sort();
    if (urls.length < 2) return urls;
    const key = `${namespace}/${name}`;
    const turn = (this.turns.get(key) ?? 0) % urls.length;
    this.turns.set(key, turn + 1);
    return [...urls.slice(turn), ...urls.slice(0, turn)];
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
