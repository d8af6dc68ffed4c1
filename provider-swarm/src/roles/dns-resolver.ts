// ReplicaResolver by Docker's embedded DNS: `tasks.<name>` answers one A record per running,
// healthy task on the networks the caller shares with the function. Only usable from a container
// on the functions network (the stack's provider is); the Docker API says whether an empty answer
// means "no replica" or "no function".
import { promises as dns } from 'node:dns';
import { FaasError, WATCHDOG_PORT } from '@faas/contracts';
import type { ReplicaResolver } from '@faas/provider-http';
import { inject, injectable, unmanaged } from 'inversify';
import { FunctionServices } from '../docker/function-services.js';
import * as tokens from '../tokens.js';
import { TtlCache } from '../ttl-cache.js';

/** How names are looked up (node:dns by default; tests pass their own). */
export type Resolve4 = (hostname: string) => Promise<string[]>;

/** Resolves replicas with `tasks.<name>` lookups. */
@injectable()
export class DnsResolver implements ReplicaResolver {
  private readonly cache: TtlCache<string[]>;

  constructor(
    @inject(FunctionServices) private readonly services: Pick<FunctionServices, 'get'>,
    @inject(tokens.ResolverCacheTtl) ttlMs: number,
    @unmanaged() private readonly resolve4: Resolve4 = (host) => dns.resolve4(host),
  ) {
    this.cache = new TtlCache(ttlMs);
  }

  resolve(name: string): Promise<string[]> {
    return this.cache.get(name, async () => {
      let ips: string[] = [];
      try {
        ips = await this.resolve4(`tasks.${name}`);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code !== 'ENOTFOUND' && code !== 'ENODATA') {
          throw new FaasError(
            'UNAVAILABLE',
            `resolve tasks.${name}: DNS lookup failed (${code ?? String(err)})`,
          );
        }
      }
      // No record: either no replica is ready, or the function does not exist (FUNCTION_NOT_FOUND).
      if (ips.length === 0) await this.services.get(name);
      return ips.map((ip) => `http://${ip}:${WATCHDOG_PORT}`);
    });
  }
}
