/** `/function/{name}[/{path}][?query]` taken apart. */
export interface InvokePath {
  /** The name as written, possibly `name.namespace`. */
  qualified: string;
  /** What the function sees: the path remainder (`/` when none) plus `?query` when present. */
  upstreamPath: string;
  /** The route template, for metrics. */
  template: '/function/{name}' | '/function/{name}/{path}';
}

/** The prefix of every invocation path. */
export const INVOKE_PREFIX = '/function/';

/** Splits an invocation URL (`/function/figlet/a/b?x=1` → `figlet`, `/a/b?x=1`). */
export function parseInvokePath(url: string): InvokePath {
  const rest = url.slice(INVOKE_PREFIX.length);
  const q = rest.indexOf('?');
  const pathPart = q < 0 ? rest : rest.slice(0, q);
  const query = q < 0 ? '' : rest.slice(q);
  const slash = pathPart.indexOf('/');
  if (slash < 0) return { qualified: pathPart, upstreamPath: `/${query}`, template: '/function/{name}' };
  return {
    qualified: pathPart.slice(0, slash),
    upstreamPath: `${pathPart.slice(slash)}${query}`,
    template: '/function/{name}/{path}',
  };
}
