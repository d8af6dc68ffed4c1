// @faas/queue/http: the gateway's side of asynchronous invocation, as a route module the gateway
// mounts (Express 5): POST /async-function/{name}[/{path}] and /system/async/dead-letters.
export { createAsyncRoutes } from './async-routes.js';
export type { AsyncRoutesDeps, AsyncRouteModule } from './async-routes.js';
export type { FunctionFacts } from './function-lookup.js';
export { DEAD_LETTERS_PATH } from './dead-letter-routes.js';
