// 405 with `Allow` for a known path asked with a method none of its routes serve (RFC 9110 §15.5.6),
// for every app that builds its routes from a contracts route table (the provider's, the gateway's).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaasError } from '@faas/contracts';

/** A route as far as methods go: contracts' `RouteSpec` fits. */
export interface MethodRoute {
  method: string;
  /** OpenAPI form: `{name}` is one segment, `{path}` one or more. */
  path: string;
}

/**
 * Middleware to mount after every route and before the 404: a request whose path matches one of
 * `routes` but whose method none of them serves goes on as a 405 FaasError (the app's error
 * handler writes it) with `Allow` listing the path's methods (HEAD with GET, as the router serves
 * it). Other requests, and OPTIONS, go on untouched.
 */
export function methodNotAllowed(
  routes: readonly MethodRoute[],
): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void {
  const byTemplate = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const { method, path } of routes) {
    let entry = byTemplate.get(path);
    if (!entry) {
      const source = path
        .split(/(\{\w+\})/)
        .map((part) => (part === '{path}' ? '.+' : /^\{\w+\}$/.test(part) ? '[^/]+' : escape(part)))
        .join('');
      entry = { pattern: new RegExp(`^${source}/?$`), methods: new Set() };
      byTemplate.set(path, entry);
    }
    entry.methods.add(method.toUpperCase());
    if (method.toUpperCase() === 'GET') entry.methods.add('HEAD');
  }
  const templates = [...byTemplate.values()];
  return (req, res, next) => {
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return next();
    const path = (req.url ?? '/').split('?')[0] as string;
    const allowed = new Set<string>();
    for (const { pattern, methods } of templates) {
      if (pattern.test(path)) for (const m of methods) allowed.add(m);
    }
    if (allowed.size === 0 || allowed.has(method)) return next();
    const allow = [...allowed].join(', ');
    res.setHeader('Allow', allow);
    next(new FaasError('METHOD_NOT_ALLOWED', `Method not allowed: ${method} ${path} takes ${allow}.`));
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
