// createApp: the gateway's HTTP app, without listening. Route modules with a fast path (the
// invocation proxy) see each request first; everything else goes through Express, where every
// route of `gatewayRoutes` is registered from the table, as createProviderApp does from
// `providerRoutes`.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express from 'express';
import type { Express } from 'express';
import { FaasError, expressPath, gatewayRoutes } from '@faas/contracts';
import type { RouteSpec } from '@faas/contracts';
import { methodNotAllowed } from '@faas/service-kit';
import type { Logger } from '@faas/service-kit';
import { requireBasicAuth } from './auth/basic-auth.js';
import type { Credentials } from './auth/credentials.js';
import { refuseCrossSite, requireJsonBodies } from './auth/cross-site.js';
import { errorMiddleware } from './errors.js';
import { DisabledRoutes } from './routes/disabled-routes.js';
import type { RouteHandlers, RouteModule } from './routes/route-module.js';

/** What createApp needs. */
export interface AppDeps {
  /** The request logger. */
  logger: Logger;
  /** Basic-auth credentials for `/system/*` and `/ui/`; null when auth is off. */
  credentials: Credentials | null;
  /** The gateway's own answers to `gatewayRoutes`, by route id. */
  handlers: RouteHandlers;
  /**
   * Modules that own routes of the table themselves: the invocation fast path, alert, async, UI.
   * They replace the matching 501 placeholders.
   */
  modules: readonly RouteModule[];
}

/** The gateway's HTTP app. */
export interface GatewayApp {
  /** The request listener to give `http.createServer` (or supertest). */
  handler: RequestListener;
  /** The Express part, for modules that need it. */
  express: Express;
}

/**
 * Reads that succeed are logged at debug level: probes, scrapes and the UI's polls (the function
 * list every second) would drown the log. Changes, and anything that fails, stay at info.
 */
function routine(method: string, status: number): boolean {
  return (method === 'GET' || method === 'HEAD') && status < 400;
}

/**
 * Routes of the table that a module serves rather than a handler: invocation (the fast path),
 * `/system/alert` (scaling), the async routes (@faas/queue) and the UI (@faas/ui).
 */
function servedByModule(route: RouteSpec): boolean {
  return (
    route.id.startsWith('invoke') ||
    route.id === 'alert' ||
    route.id === 'ui' ||
    route.path.startsWith('/async-function/') ||
    route.path.startsWith('/system/async/')
  );
}

/** Builds the app: fast paths, auth, the table's routes, every module's routes, 501 placeholders, errors. */
export function createApp(deps: AppDeps): GatewayApp {
  const { modules } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const fields = {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        callId: res.getHeader('x-call-id'),
      };
      if (routine(req.method, res.statusCode)) deps.logger.debug('request', fields);
      else deps.logger.info('request', fields);
    });
    next();
  });
  // Another site's page is refused before its cached credentials are looked at; then auth; then
  // the JSON routes refuse form and text bodies (CSRF, docs/security.md).
  app.use(['/system', '/ui'], refuseCrossSite());
  app.use(['/system', '/ui'], requireBasicAuth(deps.credentials ?? undefined));
  app.use('/system', requireJsonBodies());
  for (const route of gatewayRoutes) {
    const handler = deps.handlers[route.id];
    if (handler) app[route.method.toLowerCase() as 'get'](expressPath(route.path), handler);
    else if (!servedByModule(route)) throw new Error(`createApp: no handler for route ${route.id}`);
  }
  for (const module of [...modules, new DisabledRoutes()]) module.register?.(app);
  app.use(methodNotAllowed(gatewayRoutes));
  app.use(() => {
    throw new FaasError('NOT_FOUND', 'Not found.');
  });
  app.use(errorMiddleware(deps.logger));

  const fastPaths = modules.filter((m) => m.intercept !== undefined);
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    for (const module of fastPaths) if (module.intercept?.(req, res)) return;
    app(req, res);
  };
  return { handler, express: app };
}
