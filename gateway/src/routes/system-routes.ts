// `/system/*` routes of the provider contract, forwarded to the provider. `GET /system/functions`
// fills in `invocationCount`; delete and scale get the namespace the caller meant (query wins).
import type { Request, Response } from 'express';
import { FaasError, gatewayRoutes, providerRoutes, resolveNamespace } from '@faas/contracts';
import type { FunctionStatus } from '@faas/contracts';
import { readBody } from '@faas/service-kit';
import type { Logger } from '@faas/service-kit';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';
import { EndpointResolver } from '../invoke/endpoint-resolver.js';
import { ProviderClient } from '../provider/provider-client.js';
import { ProviderForwarder } from '../provider/provider-forwarder.js';
import type { InvocationCounts } from '../metrics/invocation-counts.js';
import type { RouteHandlers } from './route-module.js';

/** Routes another module owns even though the provider serves them too. */
const OWNED_ELSEWHERE = new Set(['/system/info', '/system/logs']);
/** Small JSON bodies the gateway reads to settle the namespace. */
const SMALL_BODY = 1024 * 1024;

/** Every `/system/*` route both the gateway and the provider contract have. */
export const forwardedRoutes = gatewayRoutes.filter(
  (route) =>
    route.path.startsWith('/system/') &&
    !OWNED_ELSEWHERE.has(route.path) &&
    providerRoutes.some((p) => p.method === route.method && p.path === route.path),
);

/** Forwarding of the system API to the provider. */
@injectable()
export class SystemRoutes {
  constructor(
    @inject(ProviderClient) private readonly provider: ProviderClient,
    @inject(ProviderForwarder) private readonly forwarder: ProviderForwarder,
    @inject(tokens.InvocationCounts) private readonly counts: InvocationCounts,
    @inject(tokens.Logger) private readonly logger: Logger,
    @inject(EndpointResolver) private readonly endpoints: EndpointResolver,
  ) {}

  /** A handler for each of {@link forwardedRoutes}, by route id. */
  handlers(): RouteHandlers {
    const handlers: RouteHandlers = {};
    for (const route of forwardedRoutes) {
      const handler =
        route.id === 'listFunctions'
          ? this.list
          : route.id === 'deleteFunction' || route.id === 'scaleFunction'
            ? this.withNamespace
            : this.pass;
      // A change (deploy, update, a secret's new value) rolls replicas: the next call asks anew.
      const changes = route.method !== 'GET';
      handlers[route.id] = async (req, res) => {
        await handler(req, res);
        if (changes) this.endpoints.evictAll();
      };
    }
    return handlers;
  }

  private readonly pass = async (req: Request, res: Response): Promise<void> => {
    await this.forwarder.forward(req, res, req.originalUrl);
  };

  /** Both `?namespace=` and the body's `namespace` reach the provider, agreeing; the query wins. */
  private readonly withNamespace = async (req: Request, res: Response): Promise<void> => {
    const raw = await readBody(req, SMALL_BODY);
    const query = typeof req.query.namespace === 'string' ? req.query.namespace : undefined;
    let body = raw;
    if (query) {
      try {
        const parsed = JSON.parse(raw.toString('utf8')) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          const fromBody = (parsed as { namespace?: unknown }).namespace;
          const namespace = resolveNamespace(query, typeof fromBody === 'string' ? fromBody : undefined);
          body = Buffer.from(JSON.stringify({ ...parsed, namespace }));
        }
      } catch {
        // Not JSON: the provider answers 400 with its own words.
      }
    }
    await this.forwarder.forward(req, res, req.originalUrl, { body });
  };

  /** The provider's list with `invocationCount` filled in; unenriched (and a warning) when counts fail. */
  private readonly list = async (req: Request, res: Response): Promise<void> => {
    const answer = await this.provider.call('GET', req.originalUrl);
    if (answer.status !== 200) {
      res
        .status(answer.status)
        .type(String(answer.headers['content-type'] ?? 'text/plain'))
        .send(answer.text);
      return;
    }
    let functions: FunctionStatus[];
    try {
      functions = JSON.parse(answer.text) as FunctionStatus[];
    } catch {
      throw new FaasError('UPSTREAM_UNREACHABLE', 'The provider answered with invalid JSON.');
    }
    try {
      const counts = await this.counts.counts();
      for (const fn of functions) fn.invocationCount = counts.get(`${fn.name}.${fn.namespace}`) ?? 0;
    } catch (err) {
      this.logger.warn('invocation counts unavailable; listing functions without them', {
        err: (err as Error).message,
      });
    }
    res.status(200).json(functions);
  };
}
