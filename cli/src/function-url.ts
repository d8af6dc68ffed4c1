import { DEFAULT_FUNCTION_NAMESPACE } from '@faas/contracts';

/** `name`, or `name.namespace` when a namespace other than the default is meant. */
export function routeName(name: string, namespace?: string): string {
  return namespace && namespace !== DEFAULT_FUNCTION_NAMESPACE ? `${name}.${namespace}` : name;
}

/** The URL a function is invoked at: `<gateway>/function/<name>[.<namespace>]`. */
export function functionUrl(gateway: string, name: string, namespace?: string): string {
  return `${gateway}/function/${routeName(name, namespace)}`;
}

/** The URL a function is invoked asynchronously at. */
export function asyncFunctionUrl(gateway: string, name: string, namespace?: string): string {
  return `${gateway}/async-function/${routeName(name, namespace)}`;
}
