import type { FunctionDeployment } from '@faas/contracts';
import { dropUndefined } from '@faas/contracts';
import type { Stack, StackFunction } from './stack.js';

function nonEmptyMap(map: Record<string, string> | undefined): Record<string, string> | undefined {
  return map && Object.keys(map).length > 0 ? { ...map } : undefined;
}

function nonEmptyList(list: string[] | undefined): string[] | undefined {
  return list && list.length > 0 ? [...list] : undefined;
}

/**
 * Maps a stack function to the body of `PUT`/`POST /system/functions` exactly as faas-cli sends it:
 * `image`, `fprocess` → `envProcess`, `environment` → `envVars`, `labels`, `annotations`,
 * `secrets`, `constraints`, `limits`/`requests`, `readonly_root_filesystem` →
 * `readOnlyRootFilesystem`, `namespace`; `provider.network` → `network`. Empty maps and lists
 * are left out, so a status reads back without `{}`.
 */
export function toDeployment(fn: StackFunction, stack?: Pick<Stack, 'network'>): FunctionDeployment {
  return dropUndefined<FunctionDeployment>({
    service: fn.name,
    image: fn.image,
    namespace: fn.namespace || undefined,
    envProcess: fn.fprocess || undefined,
    envVars: nonEmptyMap(fn.environment),
    constraints: nonEmptyList(fn.constraints),
    secrets: nonEmptyList(fn.secrets),
    labels: nonEmptyMap(fn.labels),
    annotations: nonEmptyMap(fn.annotations),
    limits: fn.limits && (fn.limits.memory || fn.limits.cpu) ? { ...fn.limits } : undefined,
    requests: fn.requests && (fn.requests.memory || fn.requests.cpu) ? { ...fn.requests } : undefined,
    readOnlyRootFilesystem: fn.readOnlyRootFilesystem,
    network: stack?.network || undefined,
  });
}
