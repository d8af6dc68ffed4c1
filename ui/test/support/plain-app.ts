// A plain Express app that mounts a route module the way the gateway does: the module's routes,
// then a 501 catch-all for /ui (so a path the module lets through is visible), then FaasError → plain text.
import express from 'express';
import type { ErrorRequestHandler, Express, Router } from 'express';
import { FaasError } from '@faas/contracts';

/** Anything with the gateway's RouteModule shape. */
export interface Mountable {
  register(router: Router): void;
}

/** The app, as the gateway would build it around the module (without auth). */
export function plainApp(module: Mountable): Express {
  const app = express();
  module.register(app);
  app.all(['/ui', '/ui/', '/ui/*path'], () => {
    throw new FaasError('NOT_IMPLEMENTED', 'placeholder reached');
  });
  const errors: ErrorRequestHandler = (err, _req, res, _next) => {
    const error = err instanceof FaasError ? err : new FaasError('INTERNAL');
    res.status(error.status).type('text/plain').send(`${error.message}\n`);
  };
  app.use(errors);
  return app;
}
