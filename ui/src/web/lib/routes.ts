// The UI's pages as hash routes (`#/functions/openfaas-fn/echo`), so the gateway serves one
// index.html and a reload or a shared link lands on the same page.

/** A function, by name and namespace. */
export interface FunctionRef {
  /** The function's name. */
  name: string;
  /** Its namespace. */
  namespace: string;
}

/** One page of the UI. */
export type Route =
  | { page: 'functions' }
  | { page: 'function'; fn: FunctionRef }
  | { page: 'invoke'; fn: FunctionRef }
  | { page: 'deploy'; edit?: FunctionRef }
  | { page: 'deploy-json' }
  | { page: 'secrets' }
  | { page: 'async' }
  | { page: 'not-found'; hash: string };

/** Reads a route from `location.hash`. */
export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p !== '')
    .map((p) => safeDecode(p));
  const [first, ...rest] = parts;
  if (first === undefined || (first === 'functions' && rest.length === 0)) return { page: 'functions' };
  if (first === 'functions' && (rest.length === 2 || (rest.length === 3 && rest[2] === 'invoke'))) {
    const fn = { namespace: rest[0]!, name: rest[1]! };
    return rest.length === 3 ? { page: 'invoke', fn } : { page: 'function', fn };
  }
  if (first === 'deploy' && rest.length === 0) return { page: 'deploy' };
  if (first === 'deploy' && rest.length === 1 && rest[0] === 'json') return { page: 'deploy-json' };
  if (first === 'deploy' && rest.length === 3 && rest[0] === 'edit')
    return { page: 'deploy', edit: { namespace: rest[1]!, name: rest[2]! } };
  if (first === 'secrets' && rest.length === 0) return { page: 'secrets' };
  if (first === 'async' && rest.length === 0) return { page: 'async' };
  return { page: 'not-found', hash };
}

/** The `href` of a route. */
export function href(route: Route): string {
  const e = encodeURIComponent;
  switch (route.page) {
    case 'functions':
      return '#/';
    case 'function':
      return `#/functions/${e(route.fn.namespace)}/${e(route.fn.name)}`;
    case 'invoke':
      return `#/functions/${e(route.fn.namespace)}/${e(route.fn.name)}/invoke`;
    case 'deploy':
      return route.edit ? `#/deploy/edit/${e(route.edit.namespace)}/${e(route.edit.name)}` : '#/deploy';
    case 'deploy-json':
      return '#/deploy/json';
    case 'secrets':
      return '#/secrets';
    case 'async':
      return '#/async';
    case 'not-found':
      return route.hash;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
