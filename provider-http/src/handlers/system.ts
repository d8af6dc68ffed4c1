import { FaasError } from '@faas/contracts';
import type { FunctionEndpoints } from '@faas/contracts';
import type { Registry } from 'prom-client';
import type { HandlerContext, RouteHandler } from './context.js';
import { namespaceOf, pathParam, queryValue, sendJson } from './context.js';
import { replicaUrls } from '../roles.js';

/** Handlers of info, namespaces, endpoints, health and metrics. */
export function systemHandlers(ctx: HandlerContext, registry: Registry): Record<string, RouteHandler> {
  const { roles, options } = ctx;
  // faas-cli's `namespace create|get|update|delete` land here; say what the provider does instead.
  const notImplemented: RouteHandler = async () => {
    const served = (await roles.namespaces.list()).join(', ');
    throw new FaasError(
      'NOT_IMPLEMENTED',
      `This provider does not create, change or delete namespaces: functions live in its own namespaces (${served}).`,
    );
  };
  return {
    providerInfo: async (_req, res) => sendJson(res, 200, roles.info),
    listNamespaces: async (_req, res) => sendJson(res, 200, await roles.namespaces.list()),
    createNamespace: notImplemented,
    getNamespace: notImplemented,
    postNamespace: notImplemented,
    putNamespace: notImplemented,
    deleteNamespace: notImplemented,
    getFunctionEndpoints: async (req, res) => {
      if (!options.endpoints) {
        throw new FaasError('NOT_IMPLEMENTED', 'This provider does not publish function endpoints.');
      }
      const name = pathParam(req, 'name');
      const namespace = await namespaceOf(ctx, queryValue(req, 'namespace'));
      const resolved = await roles.resolver.resolve(name, namespace);
      const urls = replicaUrls(resolved);
      const answer: FunctionEndpoints = {
        name,
        namespace,
        endpoints: urls.map((url) => ({ url })),
        ttlSeconds: Array.isArray(resolved)
          ? options.endpointsTtlSeconds
          : Math.min(resolved.ttlSeconds, options.endpointsTtlSeconds),
      };
      sendJson(res, 200, answer);
    },
    providerHealth: async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('OK\n');
    },
    providerMetrics: async (_req, res) => {
      const text = await registry.metrics();
      res.writeHead(200, { 'Content-Type': registry.contentType });
      res.end(text);
    },
  };
}
