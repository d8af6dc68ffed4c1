import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { FaasError, INVOKE_METHODS, expressPath, providerRoutes } from '@faas/contracts';
import { BASIC_AUTH_CHALLENGE, createBasicAuthCheck, methodNotAllowed, sendError } from '@faas/service-kit';
import type { Registry } from 'prom-client';
import type { ProviderRoles } from './roles.js';
import type { ProviderAppOptions } from './options.js';
import { resolveOptions } from './options.js';
import { createHttpMetrics } from './http-metrics.js';
import type { HandlerContext, RouteHandler } from './handlers/context.js';
import { functionHandlers } from './handlers/functions.js';
import { secretHandlers } from './handlers/secrets.js';
import { logsHandler } from './handlers/logs.js';
import { systemHandlers } from './handlers/system.js';
import { RoundRobinBalancer } from './invoke/balancer.js';
import { createInvokeProxy } from './invoke/invoke-proxy.js';
import type { InvokeProxy } from './invoke/invoke-proxy.js';
import { INVOKE_PREFIX } from './invoke/invoke-path.js';

/** The provider's HTTP app: a request listener for `http.createServer`, plus its registry and a close hook. */
export type ProviderApp = RequestListener & {
  /** The registry `/metrics` serves (add your own provider metrics to it). */
  readonly registry: Registry;
  /** Closes pooled upstream connections of the invoke proxy; the caller closes its server. */
  close(): void;
  /** The server's `upgrade` listener: WebSockets on `/function/{name}` relayed to a replica. */
  readonly upgrade: InvokeProxy['upgrade'];
};

/**
 * Reads that succeed are logged at debug level: the gateway's polls (function lists for scaling
 * and metrics, endpoints), probes and scrapes would drown the log. Changes and failures: info.
 */
function routine(method: string | undefined, status: number): boolean {
  return (method === 'GET' || method === 'HEAD') && status < 400;
}

const invokeMethods = new Set<string>(INVOKE_METHODS);

/** Route ids served by the invoke proxy instead of the router. */
const isInvokeRoute = (id: string): boolean => id.startsWith('providerInvoke');

/**
 * Builds the provider HTTP API from a provider's roles (openfaas/faas-provider's `Serve` is the
 * model) without listening. It owns every route of `providerRoutes`: basic auth on `/system/*`,
 * body limits, validation, namespaces, the unknown-secret check, error mapping, metrics, logs
 * streaming and the invoke proxy. `/function/…` bypasses the router: it is the hot path.
 */
export function createProviderApp(roles: ProviderRoles, appOptions: ProviderAppOptions): ProviderApp {
  const options = resolveOptions(appOptions);
  const { logger } = options;
  const metrics = createHttpMetrics(appOptions.registry);
  const ctx: HandlerContext = { roles, options };
  const handlers: Record<string, RouteHandler> = {
    ...functionHandlers(ctx),
    ...secretHandlers(ctx),
    getLogs: logsHandler(ctx),
    ...systemHandlers(ctx, metrics.registry),
  };
  const checkAuth = options.auth ? createBasicAuthCheck(options.auth) : undefined;
  if (!checkAuth) logger.warn('basic auth is off: /system/* answers anyone who can reach this port');

  const router = express();
  router.disable('x-powered-by');
  router.set('etag', false);
  for (const route of providerRoutes) {
    if (isInvokeRoute(route.id)) continue;
    const handler = handlers[route.id];
    if (!handler) throw new Error(`createProviderApp: no handler for route ${route.id}`);
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    router[method](expressPath(route.path), (req: Request, res: Response, next: NextFunction) => {
      res.locals.route = route.path;
      if (route.auth && checkAuth && !checkAuth(req.headers.authorization)) {
        res.setHeader('WWW-Authenticate', BASIC_AUTH_CHALLENGE);
        throw new FaasError('UNAUTHORIZED');
      }
      handler(req, res).catch(next);
    });
  }
  router.use(methodNotAllowed(providerRoutes));
  router.use((req: Request) => {
    throw new FaasError('NOT_FOUND', `Not found: no route for ${req.method} ${req.path}.`);
  });
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    sendError(res, err, { component: 'provider', logger, callId: callIdOf(req), route: routeOf(res) });
  });

  const proxy = createInvokeProxy({
    resolver: roles.resolver,
    defaultNamespace: roles.defaultNamespace,
    balancer: new RoundRobinBalancer(),
    logger,
    timeoutMs: options.invokeTimeoutMs,
  });

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const started = process.hrtime.bigint();
    let template: string | undefined;
    res.once('close', () => {
      const path = template ?? routeOf(res as Response);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observe(req.method ?? 'GET', path, res.statusCode, seconds);
      if (template === undefined) {
        const log = routine(req.method, res.statusCode) ? logger.debug : logger.info;
        log.call(logger, 'request', {
          callId: callIdOf(req),
          method: req.method,
          path,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
        });
      }
    });
    // A method no invoke route takes (TRACE, CONNECT) gets the router's 405 instead.
    if (req.url?.startsWith(INVOKE_PREFIX) && invokeMethods.has(req.method ?? ''))
      template = proxy.handle(req, res);
    else router(req, res);
  };
  return Object.assign(listener, {
    registry: metrics.registry,
    close: () => proxy.close(),
    upgrade: proxy.upgrade,
  });
}

function callIdOf(req: IncomingMessage): string {
  const header = req.headers['x-call-id'];
  return typeof header === 'string' && header ? header : randomUUID();
}

function routeOf(res: Response | ServerResponse): string {
  const locals = (res as Response).locals as Record<string, unknown> | undefined;
  return typeof locals?.route === 'string' ? locals.route : 'unmatched';
}
