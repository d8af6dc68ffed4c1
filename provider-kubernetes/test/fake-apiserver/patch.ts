// PATCH bodies: JSON merge patch (RFC 7386) and JSON patch (RFC 6902: add, replace, remove, test).
// Strategic merge patch and server-side apply are not implemented (415), which the README lists.
import { badRequest, StatusError } from './status.js';

type Json = unknown;

/** Applies a patch of the given Content-Type to a copy of `target`. */
export function applyPatch(contentType: string | undefined, target: Json, patch: Json): Json {
  const type = (contentType ?? '').split(';')[0]?.trim();
  if (type === 'application/merge-patch+json') return mergePatch(target, patch);
  if (type === 'application/json-patch+json') return jsonPatch(target, patch);
  throw new StatusError(
    415,
    'UnsupportedMediaType',
    `the fake API server does not support patch type ${type}`,
  );
}

function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

function jsonPatch(target: Json, operations: Json): Json {
  if (!Array.isArray(operations)) throw badRequest('json patch must be an array of operations');
  let doc = structuredClone(target);
  for (const op of operations as { op: string; path: string; value?: Json }[]) {
    const keys = op.path
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop();
    if (last === undefined) {
      doc = op.value;
      continue;
    }
    let parent = doc as Record<string, Json>;
    for (const key of keys) {
      if (!isObject(parent[key]) && !Array.isArray(parent[key]))
        throw badRequest(`path ${op.path} does not exist`);
      parent = parent[key] as Record<string, Json>;
    }
    if (op.op === 'add' || op.op === 'replace') {
      if (op.op === 'replace' && !(last in parent))
        throw badRequest(`replace: path ${op.path} does not exist`);
      if (Array.isArray(parent) && op.op === 'add')
        parent.splice(last === '-' ? parent.length : Number(last), 0, op.value);
      else parent[last] = op.value;
    } else if (op.op === 'remove') {
      if (!(last in parent)) throw badRequest(`remove: path ${op.path} does not exist`);
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (op.op === 'test') {
      if (JSON.stringify(parent[last]) !== JSON.stringify(op.value)) {
        throw new StatusError(422, 'Invalid', `testing value ${op.path} failed`);
      }
    } else throw badRequest(`unsupported json patch operation ${op.op}`);
  }
  return doc;
}

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
