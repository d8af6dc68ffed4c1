// Kubernetes `Status` objects, shaped as the real API server sends them for errors
// (k8s.io/apimachinery/pkg/api/errors): kind, apiVersion, metadata, status, message, reason, details, code.
import type { ResourceType } from './resources.js';
import { qualifiedResource } from './resources.js';

/** One cause inside `details.causes` of an Invalid status. */
export interface StatusCause {
  /** Machine-readable cause, e.g. FieldValueInvalid. */
  reason: string;
  /** Human-readable description. */
  message: string;
  /** The field path, e.g. spec.selector. */
  field: string;
}

/** A failed request: the HTTP code and the Status body. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The JSON body the real server sends. */
  body(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(Object.keys(this.details).length > 0 ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

const details = (type: ResourceType, name: string) => ({
  name,
  ...(type.group ? { group: type.group } : {}),
  kind: type.plural,
});

/** 404 NotFound: `deployments.apps "x" not found`. */
export const notFound = (type: ResourceType, name: string) =>
  new StatusError(404, 'NotFound', `${qualifiedResource(type)} "${name}" not found`, details(type, name));

/** 409 AlreadyExists: `deployments.apps "x" already exists`. */
export const alreadyExists = (type: ResourceType, name: string) =>
  new StatusError(
    409,
    'AlreadyExists',
    `${qualifiedResource(type)} "${name}" already exists`,
    details(type, name),
  );

/** 409 Conflict: a stale resourceVersion. */
export const conflict = (type: ResourceType, name: string) =>
  new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(type)} "${name}": the object has been modified; ` +
      'please apply your changes to the latest version and try again',
    details(type, name),
  );

/** 422 Invalid: `Deployment.apps "x" is invalid: <cause>; <cause>`. */
export function invalid(type: ResourceType, name: string, causes: StatusCause[]): StatusError {
  const kind = type.group ? `${type.kind}.${type.group}` : type.kind;
  const text = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  return new StatusError(422, 'Invalid', `${kind} "${name}" is invalid: ${text}`, {
    ...details(type, name),
    kind: type.kind,
    causes,
  });
}

/** 403 Forbidden, worded as the RBAC authorizer words it. */
export function forbidden(
  verb: string,
  type: ResourceType,
  resource: string,
  namespace?: string,
): StatusError {
  const where = namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope';
  return new StatusError(
    403,
    'Forbidden',
    `${qualifiedResource(type)} is forbidden: User "system:serviceaccount:openfaas:faas-provider" cannot ${verb} ` +
      `resource "${resource}" in API group "${type.group}"${where}`,
    { ...(type.group ? { group: type.group } : {}), kind: type.plural },
  );
}

/** 410 Expired: a watch or list from a compacted resourceVersion. */
export const expired = (requested: string, oldest: number) =>
  new StatusError(410, 'Expired', `too old resource version: ${requested} (${oldest})`);

/** 400 BadRequest. */
export const badRequest = (message: string) => new StatusError(400, 'BadRequest', message);

/** 401 Unauthorized. */
export const unauthorized = () => new StatusError(401, 'Unauthorized', 'Unauthorized');
