import type { FunctionDeployment, FunctionResources } from '../wire/function.js';
import { FaasError } from '../errors.js';
import { Problems, isPlainObject, quote } from './problems.js';
import { scalingLabelProblems } from '../scaling.js';
import { limits, rules } from './rules.js';

function resources(
  problems: Problems,
  body: Record<string, unknown>,
  field: 'limits' | 'requests',
): FunctionResources | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    problems.add(field, 'must be an object like {"memory":"128Mi","cpu":"100m"}');
    return undefined;
  }
  const out: FunctionResources = {};
  for (const [key, rule] of [
    ['memory', rules.memory],
    ['cpu', rules.cpu],
  ] as const) {
    const v = value[key];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string') problems.add(`${field}.${key}`, 'must be a string');
    else if (!rule.test(v)) problems.add(`${field}.${key}`, `${quote(v)} ${rule.message}`);
    else out[key] = v;
  }
  return out;
}

/**
 * Validates the body of `POST`/`PUT /system/functions`. Returns the deployment with `null` and
 * empty optional fields removed, or throws one INVALID_REQUEST listing every bad field: names,
 * control characters, lengths, counts and scaling labels (contracts/README.md#limits).
 * Unknown fields are ignored, so newer clients keep working.
 */
export function parseFunctionDeployment(body: unknown): FunctionDeployment {
  if (!isPlainObject(body))
    throw new FaasError('INVALID_REQUEST', 'invalid function deployment: body must be a JSON object');
  const p = new Problems();
  const deployment: FunctionDeployment = {
    service: p.requiredString(body, 'service', rules.functionName),
    image: p.requiredString(body, 'image', rules.image),
    namespace: p.optionalString(body, 'namespace', rules.namespace),
    envProcess: p.optionalString(body, 'envProcess', rules.envProcess),
    envVars: p.optionalMap(body, 'envVars', {
      key: rules.envVarName,
      value: rules.envVarValue,
      maxEntries: limits.envVars,
      maxBytes: limits.envVarsBytes,
    }),
    constraints: p.optionalStringArray(body, 'constraints', {
      value: rules.constraint,
      maxEntries: limits.constraints,
    }),
    secrets: p.optionalStringArray(body, 'secrets', {
      value: rules.secretName,
      maxEntries: limits.secrets,
    }),
    labels: p.optionalMap(body, 'labels', {
      key: rules.labelKey,
      value: rules.labelValue,
      maxEntries: limits.labels,
    }),
    annotations: p.optionalMap(body, 'annotations', {
      key: rules.labelKey,
      value: rules.annotationValue,
      maxEntries: limits.annotations,
      maxBytes: limits.annotationsBytes,
    }),
    limits: resources(p, body, 'limits'),
    requests: resources(p, body, 'requests'),
    readOnlyRootFilesystem: p.optionalBoolean(body, 'readOnlyRootFilesystem'),
    registryAuth: p.optionalString(body, 'registryAuth', rules.registryAuth),
    network: p.optionalString(body, 'network', rules.network),
  };
  for (const problem of scalingLabelProblems(deployment.labels)) p.add(problem.field, problem.message);
  p.throwIfAny('function deployment');
  return dropUndefined(deployment);
}

/** Removes keys whose value is undefined, so `{}`-vs-absent comparisons behave. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
