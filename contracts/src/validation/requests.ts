import type { DeleteFunctionRequest, ScaleServiceRequest } from '../wire/function.js';
import type { Secret, DeleteSecretRequest } from '../wire/secret.js';
import type { LogQuery } from '../wire/log.js';
import { FaasError } from '../errors.js';
import { Problems, isPlainObject } from './problems.js';
import { limits, rules, MAX_REPLICAS } from './rules.js';
import { dropUndefined } from './function-deployment.js';

function object(body: unknown, what: string): Record<string, unknown> {
  if (!isPlainObject(body))
    throw new FaasError('INVALID_REQUEST', `invalid ${what}: body must be a JSON object`);
  return body;
}

/** Validates the body of `DELETE /system/functions`. */
export function parseDeleteFunctionRequest(body: unknown): DeleteFunctionRequest {
  const obj = object(body, 'delete request');
  const p = new Problems();
  const request = {
    functionName: p.requiredString(obj, 'functionName', rules.functionName),
    namespace: p.optionalString(obj, 'namespace', rules.namespace),
  };
  p.throwIfAny('delete request');
  return dropUndefined(request);
}

/** Validates the body of `POST /system/scale-function/{name}`; replicas 0 is allowed. */
export function parseScaleServiceRequest(body: unknown): ScaleServiceRequest {
  const obj = object(body, 'scale request');
  const p = new Problems();
  const replicas = obj.replicas;
  if (replicas === undefined || replicas === null) p.add('replicas', 'required');
  else if (
    typeof replicas !== 'number' ||
    !Number.isInteger(replicas) ||
    replicas < 0 ||
    replicas > MAX_REPLICAS
  ) {
    p.add('replicas', `must be a whole number from 0 to ${MAX_REPLICAS}`);
  }
  const request = {
    serviceName: p.optionalString(obj, 'serviceName', rules.functionName),
    replicas: replicas as number,
    namespace: p.optionalString(obj, 'namespace', rules.namespace),
  };
  p.throwIfAny('scale request');
  return dropUndefined(request);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Validates the body of `POST`/`PUT /system/secrets`: `value` (text) or `rawValue` (base64). When
 * both are sent, as `faas-cli secret create --from-file` does, `rawValue` wins.
 */
export function parseSecret(body: unknown): Secret {
  const obj = object(body, 'secret');
  const p = new Problems();
  const secret: Secret = {
    name: p.requiredString(obj, 'name', rules.secretName),
    namespace: p.optionalString(obj, 'namespace', rules.namespace),
  };
  const hasValue = obj.value !== undefined && obj.value !== null;
  const hasRaw = obj.rawValue !== undefined && obj.rawValue !== null;
  if (hasRaw) {
    if (typeof obj.rawValue !== 'string' || !BASE64.test(obj.rawValue)) p.add('rawValue', 'must be base64');
    else secret.rawValue = obj.rawValue;
  } else if (!hasValue) p.add('value', 'required (or rawValue, base64)');
  else if (typeof obj.value !== 'string') p.add('value', 'must be a string');
  else secret.value = obj.value;
  const size = p.list.length === 0 ? secretBytes(secret).length : 0;
  if (size > limits.secretBytes)
    p.add(
      secret.rawValue !== undefined ? 'rawValue' : 'value',
      `must be at most ${limits.secretBytes} bytes (got ${size})`,
    );
  p.throwIfAny('secret');
  return dropUndefined(secret);
}

/** The bytes of a validated secret, whichever of `value` and `rawValue` carries them. */
export function secretBytes(secret: Secret): Buffer {
  return secret.rawValue !== undefined
    ? Buffer.from(secret.rawValue, 'base64')
    : Buffer.from(secret.value ?? '', 'utf8');
}

/** Validates the body of `DELETE /system/secrets`. */
export function parseDeleteSecretRequest(body: unknown): DeleteSecretRequest {
  const obj = object(body, 'delete secret request');
  const p = new Problems();
  const request = {
    name: p.requiredString(obj, 'name', rules.secretName),
    namespace: p.optionalString(obj, 'namespace', rules.namespace),
  };
  p.throwIfAny('delete secret request');
  return dropUndefined(request);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Validates the query of `GET /system/logs`: a missing name is 400; a bad `tail` or `since` is
 * 422, as OpenFaaS answers.
 */
export function parseLogQuery(query: Record<string, string | undefined>): LogQuery {
  if (!query.name) throw new FaasError('INVALID_REQUEST', 'invalid log query: name: required');
  const bad: string[] = [];
  let tail: number | undefined;
  if (query.tail !== undefined && query.tail !== '') {
    tail = /^-?\d+$/.test(query.tail) ? Number(query.tail) : NaN;
    if (!Number.isInteger(tail) || tail < -1)
      bad.push(`tail: ${JSON.stringify(query.tail)} must be a whole number`);
    if (tail === -1) tail = undefined;
  }
  const since = query.since || undefined;
  if (since !== undefined && (!RFC3339.test(since) || Number.isNaN(Date.parse(since)))) {
    bad.push(`since: ${JSON.stringify(since)} must be an RFC 3339 time like 2026-01-02T15:04:05Z`);
  }
  const follow =
    query.follow === undefined || query.follow === '' ? false : ['true', '1'].includes(query.follow);
  if (query.follow && !['true', '1', 'false', '0'].includes(query.follow))
    bad.push(`follow: ${JSON.stringify(query.follow)} must be true or false`);
  if (bad.length > 0) throw new FaasError('UNPROCESSABLE', `invalid log query: ${bad.join('; ')}`);
  return dropUndefined({
    name: query.name,
    namespace: query.namespace || undefined,
    instance: query.instance || undefined,
    tail,
    follow,
    since,
  });
}
