import { asyncRoutes } from './async-routes.js';
import type { HttpMethod, RouteSpec } from './route-spec.js';

/** Methods a function can be invoked with. */
export const INVOKE_METHODS: readonly HttpMethod[] = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'HEAD',
];

function invokeRoutes(prefix: string, idPrefix: string, errors: number[]): RouteSpec[] {
  return INVOKE_METHODS.flatMap((method) => [
    {
      id: `${idPrefix}${method[0]}${method.slice(1).toLowerCase()}`,
      method,
      path: `${prefix}/{name}`,
      auth: false,
      summary: 'Invoke the function; the function decides the status.',
      success: [200],
      errors,
    },
    {
      id: `${idPrefix}${method[0]}${method.slice(1).toLowerCase()}WithPath`,
      method,
      path: `${prefix}/{name}/{path}`,
      auth: false,
      summary: 'Invoke the function with a path remainder (`/function/f/a/b?x=1` reaches it as `/a/b?x=1`).',
      success: [200],
      errors,
    },
  ]);
}

/** Routes of the system API that the gateway forwards to the provider. */
const systemRoutes: RouteSpec[] = [
  {
    id: 'listFunctions',
    method: 'GET',
    path: '/system/functions',
    auth: true,
    summary: 'List functions.',
    success: [200],
    errors: [400],
    query: ['namespace'],
    response: 'FunctionStatus[]',
  },
  {
    id: 'deployFunction',
    method: 'POST',
    path: '/system/functions',
    auth: true,
    summary: 'Deploy a function.',
    success: [202],
    errors: [400, 409],
    request: 'FunctionDeployment',
  },
  {
    id: 'updateFunction',
    method: 'PUT',
    path: '/system/functions',
    auth: true,
    summary: 'Update a function; 404 when it does not exist (faas-cli then POSTs).',
    success: [202],
    errors: [400, 404],
    request: 'FunctionDeployment',
  },
  {
    id: 'deleteFunction',
    method: 'DELETE',
    path: '/system/functions',
    auth: true,
    summary: 'Delete a function; `?namespace=` wins over the body.',
    success: [202],
    errors: [400, 404],
    query: ['namespace'],
    request: 'DeleteFunctionRequest',
  },
  {
    id: 'getFunction',
    method: 'GET',
    path: '/system/function/{name}',
    auth: true,
    summary: 'Status of one function.',
    success: [200],
    errors: [400, 404],
    query: ['namespace', 'usage'],
    response: 'FunctionStatus',
  },
  {
    id: 'scaleFunction',
    method: 'POST',
    path: '/system/scale-function/{name}',
    auth: true,
    summary: 'Set desired replicas (0 allowed).',
    success: [202],
    errors: [400, 404],
    query: ['namespace'],
    request: 'ScaleServiceRequest',
  },
  {
    id: 'listSecrets',
    method: 'GET',
    path: '/system/secrets',
    auth: true,
    summary: 'List secrets, never their values.',
    success: [200],
    errors: [400],
    query: ['namespace'],
    response: 'SecretDescription[]',
  },
  {
    id: 'createSecret',
    method: 'POST',
    path: '/system/secrets',
    auth: true,
    summary: 'Create a secret.',
    success: [201],
    errors: [400, 409],
    query: ['namespace'],
    request: 'Secret',
  },
  {
    id: 'updateSecret',
    method: 'PUT',
    path: '/system/secrets',
    auth: true,
    summary: "Replace a secret's value; functions using it get the new value.",
    success: [202],
    errors: [400, 404],
    query: ['namespace'],
    request: 'Secret',
  },
  {
    id: 'deleteSecret',
    method: 'DELETE',
    path: '/system/secrets',
    auth: true,
    summary: 'Delete a secret.',
    success: [202],
    errors: [400, 404],
    query: ['namespace'],
    request: 'DeleteSecretRequest',
  },
  {
    id: 'getLogs',
    method: 'GET',
    path: '/system/logs',
    auth: true,
    summary: 'Function logs as NDJSON, flushed per line; `follow` keeps the stream open.',
    success: [200],
    errors: [400, 404, 422, 501],
    query: ['name', 'namespace', 'instance', 'tail', 'follow', 'since'],
    response: 'LogMessage',
  },
  {
    id: 'listNamespaces',
    method: 'GET',
    path: '/system/namespaces',
    auth: true,
    summary: 'Namespaces functions may be deployed to.',
    success: [200],
    errors: [],
    response: 'string[]',
  },
  {
    id: 'createNamespace',
    method: 'POST',
    path: '/system/namespace/',
    auth: true,
    summary:
      'Create the namespace the body names (`{"name": …}`, as faas-cli `namespace create` sends it; optional).',
    success: [200, 201, 202],
    errors: [400, 409, 501],
    optional: true,
  },
  ...(['GET', 'POST', 'PUT', 'DELETE'] as const).map((method): RouteSpec => ({
    id: `${method.toLowerCase()}Namespace`,
    method,
    path: '/system/namespace/{name}',
    auth: true,
    summary: 'Manage one namespace (optional).',
    success: [200, 202],
    errors: [400, 404, 501],
    optional: true,
  })),
];

/** The optional route that lets the gateway proxy straight to a function's ready replicas. */
const endpointsRoute: RouteSpec = {
  id: 'getFunctionEndpoints',
  method: 'GET',
  path: '/system/endpoints/{name}',
  auth: true,
  summary: 'Ready replica addresses of a function, for direct proxying (optional).',
  success: [200],
  errors: [400, 404, 501],
  query: ['namespace'],
  response: 'FunctionEndpoints',
  optional: true,
};

/** The provider contract: what every provider serves. */
export const providerRoutes: readonly RouteSpec[] = [
  ...systemRoutes,
  endpointsRoute,
  {
    id: 'providerInfo',
    method: 'GET',
    path: '/system/info',
    auth: true,
    summary: 'Which provider and orchestrator this is.',
    success: [200],
    errors: [],
    response: 'ProviderInfo',
  },
  ...invokeRoutes('/function', 'providerInvoke', [404, 502, 503, 504]),
  {
    id: 'providerHealth',
    method: 'GET',
    path: '/healthz',
    auth: false,
    summary: 'The provider is up.',
    success: [200],
    errors: [],
  },
  {
    id: 'providerMetrics',
    method: 'GET',
    path: '/metrics',
    auth: false,
    summary: 'Prometheus metrics of the provider HTTP API.',
    success: [200],
    errors: [],
  },
];

/**
 * Every authenticated change the gateway takes adds 403 (a request from another site's page) and
 * 415 (a body that is not JSON): its CSRF guard (docs/security.md).
 */
function withCrossSiteErrors(route: RouteSpec): RouteSpec {
  if (!route.auth || route.method === 'GET') return route;
  return { ...route, errors: [...route.errors, 403, 415].sort((a, b) => a - b) };
}

/** The gateway's public API. System routes add 502: the gateway cannot reach its provider. */
export const gatewayRoutes: readonly RouteSpec[] = (
  [
    ...systemRoutes.map((route) => ({ ...route, errors: [...route.errors, 502] })),
    {
      id: 'gatewayInfo',
      method: 'GET',
      path: '/system/info',
      auth: true,
      summary: "The gateway's info wrapping the provider's.",
      success: [200],
      errors: [502],
      response: 'GatewayInfo',
    },
    {
      id: 'alert',
      method: 'POST',
      path: '/system/alert',
      auth: true,
      summary: 'AlertManager webhook: scale functions by their alerts.',
      success: [200],
      errors: [400, 500],
    },
    ...invokeRoutes('/function', 'invoke', [404, 408, 413, 502, 503, 504]),
    ...asyncRoutes,
    {
      id: 'invokeByHeader',
      method: 'POST',
      path: '/',
      auth: false,
      summary: "Invoke the function named by `X-Function`, or by an Alexa body's `request.intent.name`.",
      success: [200],
      errors: [400, 404, 408, 502, 503, 504],
    },
    {
      id: 'rootRedirect',
      method: 'GET',
      path: '/',
      auth: false,
      summary: 'Redirect to the web UI.',
      success: [301],
      errors: [],
    },
    {
      id: 'gatewayHealth',
      method: 'GET',
      path: '/healthz',
      auth: false,
      summary: 'The gateway is up and its provider answers.',
      success: [200],
      errors: [503],
    },
    {
      id: 'metrics',
      method: 'GET',
      path: '/metrics',
      auth: false,
      summary: 'Prometheus metrics.',
      success: [200],
      errors: [],
    },
    { id: 'ui', method: 'GET', path: '/ui/', auth: true, summary: 'The web UI.', success: [200], errors: [] },
  ] satisfies RouteSpec[]
).map(withCrossSiteErrors);

/** Finds a route by id; throws when the id is unknown (a typo in a caller is a bug). */
export function routeById(routes: readonly RouteSpec[], id: string): RouteSpec {
  const route = routes.find((r) => r.id === id);
  if (!route) throw new Error(`no route with id ${id}`);
  return route;
}

/** The Express 5 form of a route path: `{name}` → `:name`, `{path}` → `*path`. */
export function expressPath(path: string): string {
  return path.replace('{path}', '*path').replace(/\{(\w+)\}/g, ':$1');
}
