// The resources the fake API server serves: exactly those the provider uses.

/** One resource type the fake serves. */
export interface ResourceType {
  /** API group; '' for the core group. */
  group: string;
  /** API version within the group. */
  version: string;
  /** Plural resource name, as in URLs and RBAC rules. */
  plural: string;
  /** Kind of one object. */
  kind: string;
  /** Whether objects live in a namespace. */
  namespaced: boolean;
}

/** The resource types, by plural name. */
export const resourceTypes: Record<string, ResourceType> = {
  namespaces: { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false },
  services: { group: '', version: 'v1', plural: 'services', kind: 'Service', namespaced: true },
  secrets: { group: '', version: 'v1', plural: 'secrets', kind: 'Secret', namespaced: true },
  pods: { group: '', version: 'v1', plural: 'pods', kind: 'Pod', namespaced: true },
  deployments: { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true },
  endpointslices: {
    group: 'discovery.k8s.io',
    version: 'v1',
    plural: 'endpointslices',
    kind: 'EndpointSlice',
    namespaced: true,
  },
};

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** `deployments.apps`, or `secrets` for the core group: how Status messages name a resource. */
export function qualifiedResource(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

/** A request path, parsed. */
export interface ApiPath {
  /** The resource type. */
  type: ResourceType;
  /** Namespace from the path, for namespaced requests. */
  namespace?: string;
  /** Object name, when the request names one. */
  name?: string;
  /** `scale`, `log`, `status`, when the request names a subresource. */
  subresource?: string;
}

/** Parses `/api/v1/...` and `/apis/<group>/<version>/...`; undefined for anything else. */
export function parseApiPath(pathname: string): ApiPath | undefined {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group = '';
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') rest = parts.slice(2);
  else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1] as string;
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  const type = plural ? resourceTypes[plural] : undefined;
  if (!type || type.group !== group || extra.length > 0) return undefined;
  if (!type.namespaced && namespace !== undefined) return undefined;
  // A namespaced resource without a namespace is only a list or watch across all namespaces.
  if (type.namespaced && namespace === undefined && name !== undefined) return undefined;
  return { type, namespace, name, subresource };
}
