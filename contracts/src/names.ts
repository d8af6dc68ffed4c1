/** The namespace functions live in when a request names none (the OpenFaaS default). */
export const DEFAULT_FUNCTION_NAMESPACE = 'openfaas-fn';

/** Function names in routes: what the gateway accepts in `/function/{name}` before splitting. */
export const ROUTE_NAME_PATTERN = /^[-a-zA-Z_0-9.]+$/;

/** A DNS-1123 label: function names and namespaces. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 subdomain: secret names. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A function name split into its parts. */
export interface QualifiedName {
  /** The function's name. */
  name: string;
  /** Its namespace, when the caller named one. */
  namespace?: string;
}

/** Splits `name.namespace` at the LAST dot (`a.b.c` → `a.b` in `c`); no dot → no namespace. */
export function splitFunctionName(qualified: string): QualifiedName {
  const dot = qualified.lastIndexOf('.');
  if (dot <= 0 || dot === qualified.length - 1) return { name: qualified };
  return { name: qualified.slice(0, dot), namespace: qualified.slice(dot + 1) };
}

/** `name.namespace`, the form metrics and alerts use for `function_name`. */
export function qualifiedName(name: string, namespace: string): string {
  return `${name}.${namespace}`;
}

/**
 * The namespace a request means: the query's if given (query wins), else the body's, else the
 * default. Empty strings count as absent.
 */
export function resolveNamespace(
  fromQuery: string | undefined,
  fromBody: string | undefined,
  fallback: string = DEFAULT_FUNCTION_NAMESPACE,
): string {
  return fromQuery || fromBody || fallback;
}

/** Whether a string is a valid function name (DNS-1123 label, at most 63 characters). */
export function isValidFunctionName(name: string): boolean {
  return name.length <= 63 && DNS1123_LABEL.test(name);
}
