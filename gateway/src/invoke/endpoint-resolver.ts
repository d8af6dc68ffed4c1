// Learns a function's ready replicas from the provider's optional `GET /system/endpoints/{name}`
// and caches them for the ttl the provider gives, so invocations skip the provider hop.
import { FaasError } from '@faas/contracts';
import type { FunctionEndpoints } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';
import type { GatewayConfig } from '../config.js';
import { ProviderClient } from '../provider/provider-client.js';

/** A replica's watchdog origin, parsed once. */
export interface ReplicaOrigin {
  /** `http:` or `https:`. */
  protocol: string;
  /** Host name or address. */
  hostname: string;
  /** TCP port. */
  port: number;
  /** Path prefix of the base URL (usually empty). */
  prefix: string;
}

/** How to reach a function right now. */
export type InvocationRoute =
  /** Straight to one of these ready replicas. */
  | { kind: 'direct'; replicas: ReplicaOrigin[] }
  /** The function exists but has no ready replica. */
  | { kind: 'no-replicas' }
  /**
   * Through the provider's `/function/` proxy (no endpoints route, or it failed). `unverified`:
   * the provider could not say whether the function exists (it is failing), so the call is not
   * counted under the caller's name.
   */
  | { kind: 'provider'; unverified?: boolean };

interface Entry {
  route: InvocationRoute;
  freshUntil: number;
  staleUntil: number;
}

const PROVIDER_ROUTE: InvocationRoute = { kind: 'provider' };
const UNVERIFIED_ROUTE: InvocationRoute = { kind: 'provider', unverified: true };

/** While the provider is known to lack the route, ask again only this often. */
const ROUTE_MISSING_RECHECK_MS = 60_000;
/** How long a function found through `GET /system/function/{name}` is taken to exist. */
const EXISTS_TTL_MS = 5_000;

function originOf(url: string): ReplicaOrigin {
  const u = new URL(url);
  return {
    protocol: u.protocol,
    hostname: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80,
    prefix: u.pathname.replace(/\/$/, ''),
  };
}

/** Resolves functions to replica origins, with a short cache and per-request round robin. */
@injectable()
export class EndpointResolver {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<InvocationRoute>>();
  private readonly turns = new Map<string, number>();
  private routeMissingUntil = 0;

  /** The clock; tests replace it. */
  now: () => number = Date.now;

  private readonly direct: boolean;

  constructor(
    @inject(ProviderClient) private readonly provider: ProviderClient,
    @inject(tokens.GatewayConfig) config: GatewayConfig,
    @inject(tokens.Logger) private readonly logger: Logger,
  ) {
    this.direct = config.directInvocation;
  }

  /** The cached route while it is fresh, without a promise (the hot path); else undefined. */
  fresh(name: string, namespace: string): InvocationRoute | undefined {
    const entry = this.cache.get(`${name}.${namespace}`);
    return entry && this.now() < entry.freshUntil ? entry.route : undefined;
  }

  /**
   * The route for a function; FUNCTION_NOT_FOUND when the provider does not know it or refuses its
   * name or namespace. Only functions the provider confirmed get a route it did not mark unverified.
   */
  async resolve(name: string, namespace: string): Promise<InvocationRoute> {
    const now = this.now();
    const key = `${name}.${namespace}`;
    const entry = this.cache.get(key);
    if (entry && now < entry.freshUntil) return entry.route;
    if (entry && now < entry.staleUntil) {
      // Serve the last answer while one refresh runs, so no caller waits at each expiry.
      this.refresh(key, name, namespace).catch(() => this.cache.delete(key));
      return entry.route;
    }
    return this.refresh(key, name, namespace);
  }

  /** The next replica of a direct route: round robin per request across ready replicas. */
  pick(name: string, namespace: string, replicas: ReplicaOrigin[]): ReplicaOrigin {
    if (replicas.length === 1) return replicas[0] as ReplicaOrigin;
    const key = `${name}.${namespace}`;
    const turn = this.turns.get(key) ?? 0;
    this.turns.set(key, (turn + 1) % 1_000_000);
    return replicas[turn % replicas.length] as ReplicaOrigin;
  }

  /** Forgets a function's replicas, e.g. after one refused a connection. */
  evict(name: string, namespace: string): void {
    this.cache.delete(`${name}.${namespace}`);
  }

  /** Forgets every function's replicas: a change passed through (an update rolls them). */
  evictAll(): void {
    this.cache.clear();
  }

  private refresh(key: string, name: string, namespace: string): Promise<InvocationRoute> {
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.fetch(key, name, namespace).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async fetch(key: string, name: string, namespace: string): Promise<InvocationRoute> {
    if (!this.direct || this.now() < this.routeMissingUntil) return this.confirm(key, name, namespace);
    const query = `?namespace=${encodeURIComponent(namespace)}`;
    let answer;
    try {
      answer = await this.provider.call('GET', `/system/endpoints/${encodeURIComponent(name)}${query}`);
    } catch (err) {
      this.logger.warn('provider endpoints lookup failed; invoking through the provider', {
        function: key,
        err: (err as Error).message,
      });
      return this.confirm(key, name, namespace);
    }
    if (answer.status === 200) return this.remember(key, JSON.parse(answer.text) as FunctionEndpoints);
    // 400: the provider refuses the name or namespace. Never "use the provider" for it: the call
    // would be counted under a name the caller chose.
    if (answer.status === 400) throw notFound(key);
    if (answer.status !== 404 && answer.status !== 501) {
      this.logger.warn('provider endpoints lookup answered unexpectedly; invoking through the provider', {
        function: key,
        status: answer.status,
      });
      return this.confirm(key, name, namespace);
    }
    // 404 from a provider that predates the route, or from one that does not know the function.
    const route = await this.confirm(key, name, namespace);
    if (route === UNVERIFIED_ROUTE) return route;
    this.logger.info('provider has no endpoints route; invoking through its /function/ proxy');
    this.routeMissingUntil = this.now() + ROUTE_MISSING_RECHECK_MS;
    return route;
  }

  /** The provider route for a function the provider confirms exists (remembered a few seconds). */
  private async confirm(key: string, name: string, namespace: string): Promise<InvocationRoute> {
    const query = `?namespace=${encodeURIComponent(namespace)}`;
    const answer = await this.provider
      .call('GET', `/system/function/${encodeURIComponent(name)}${query}`)
      .catch(() => undefined);
    if (answer?.status === 404 || answer?.status === 400) throw notFound(key);
    if (answer?.status !== 200) return UNVERIFIED_ROUTE;
    const now = this.now();
    this.cache.set(key, {
      route: PROVIDER_ROUTE,
      freshUntil: now + EXISTS_TTL_MS,
      staleUntil: now + 2 * EXISTS_TTL_MS,
    });
    return PROVIDER_ROUTE;
  }

  private remember(key: string, answer: FunctionEndpoints): InvocationRoute {
    const replicas = (answer.endpoints ?? []).map((e) => originOf(e.url));
    const route: InvocationRoute =
      replicas.length > 0 ? { kind: 'direct', replicas } : { kind: 'no-replicas' };
    const ttlMs = Math.max(0, Number(answer.ttlSeconds) || 0) * 1000;
    if (replicas.length > 0 && ttlMs > 0) {
      const now = this.now();
      this.cache.set(key, { route, freshUntil: now + ttlMs, staleUntil: now + 2 * ttlMs });
    } else this.cache.delete(key);
    return route;
  }
}

function notFound(key: string): FaasError {
  return new FaasError('FUNCTION_NOT_FOUND', `Function not found: ${key}.`);
}
