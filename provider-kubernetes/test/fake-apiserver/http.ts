// Small HTTP helpers of the fake API server: how a request reads in RBAC terms, JSON in and out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiPath, ResourceType } from './resources.js';
import type { KubeObject } from './store.js';
import { badRequest } from './status.js';

/** One request the server received, in RBAC terms. */
export interface ApiCall {
  /** get, list, watch, create, update, patch, delete, deletecollection. */
  verb: string;
  /** API group ('' for core). */
  group: string;
  /** Resource, with `/subresource` when there is one (`deployments/scale`, `pods/log`). */
  resource: string;
  /** Namespace of the request; undefined for cluster-scoped and all-namespace requests. */
  namespace?: string;
  /** Object name, when the request names one. */
  name?: string;
}

/** The RBAC view of a request: verb, group, resource[/subresource], namespace, name. */
export function callOf(method: string, path: ApiPath, query: URLSearchParams): ApiCall {
  const named = path.name !== undefined;
  const watch = query.get('watch') === 'true' || query.get('watch') === '1';
  const verb =
    method === 'GET'
      ? named
        ? 'get'
        : watch
          ? 'watch'
          : 'list'
      : ((
          {
            POST: 'create',
            PUT: 'update',
            PATCH: 'patch',
            DELETE: named ? 'delete' : 'deletecollection',
          } as Record<string, string>
        )[method] ?? method.toLowerCase());
  return {
    verb,
    group: path.type.group,
    resource: path.subresource ? `${path.type.plural}/${path.subresource}` : path.type.plural,
    ...(path.type.namespaced && path.namespace !== undefined ? { namespace: path.namespace } : {}),
    ...(named ? { name: path.name } : {}),
  };
}

/** Resources whose status is written only through the status subresource. */
export function hasStatus(type: ResourceType): boolean {
  return type.plural === 'deployments' || type.plural === 'services';
}

/** A Deployment's selector as `k=v,k=v` (Scale.status.selector). */
export function selectorText(d: KubeObject): string {
  const labels =
    (d.spec?.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels ?? {};
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** Sends a JSON body. */
export function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Reads a JSON body; 400 when it is not JSON. */
export async function readJson(req: IncomingMessage): Promise<KubeObject> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as KubeObject;
  } catch {
    throw badRequest('the body of the request was in an unknown format');
  }
}
