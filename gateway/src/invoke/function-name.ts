import { ROUTE_NAME_PATTERN, qualifiedName, splitFunctionName } from '@faas/contracts';
import type { FunctionRef } from './hooks.js';

/** A function reference from `name` or `name.namespace`; undefined when it is not a valid route name. */
export function functionRef(raw: string, defaultNamespace: string): FunctionRef | undefined {
  if (!ROUTE_NAME_PATTERN.test(raw)) return undefined;
  const { name, namespace = defaultNamespace } = splitFunctionName(raw);
  return { name, namespace, qualified: qualifiedName(name, namespace) };
}

/** `/function/{name}[/{rest}][?query]` split into the name and the path the function sees. */
export function splitInvokePath(url: string, prefix: string): { name: string; path: string } {
  const rest = url.slice(prefix.length);
  let end = 0;
  while (end < rest.length && rest[end] !== '/' && rest[end] !== '?') end++;
  const name = rest.slice(0, end);
  const tail = rest.slice(end);
  return { name, path: tail === '' ? '/' : tail[0] === '?' ? `/${tail}` : tail };
}

/** The function an Alexa Skills Kit body names in `request.intent.name`, lower-cased like function names. */
export function alexaIntent(body: Buffer): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const intent = (parsed as { request?: { intent?: { name?: unknown } } } | null)?.request?.intent?.name;
  return typeof intent === 'string' && intent !== '' ? intent.toLowerCase() : undefined;
}
