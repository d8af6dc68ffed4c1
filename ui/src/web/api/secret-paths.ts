// Where a function finds its secrets on this provider: `/var/openfaas/secrets` in a container, or
// the directory the provider reports in /system/info (`secretMountPath`, e.g. the local provider's
// per-function folder).
import type { ProviderInfo } from '@faas/contracts';

/** Where OpenFaaS providers mount secrets in a function's container. */
export const CONTAINER_SECRETS_DIR = '/var/openfaas/secrets';

/**
 * The directory a function finds its secrets in. With `fn`, that function's; without, the
 * provider's pattern with `<namespace>` and `<function>` for the parts that vary.
 */
export function secretsDirOf(
  info: Pick<ProviderInfo, 'secretMountPath'> | undefined,
  fn?: { name: string; namespace: string },
): string {
  const pattern = info?.secretMountPath ?? CONTAINER_SECRETS_DIR;
  return pattern
    .replaceAll('{namespace}', fn ? fn.namespace : '<namespace>')
    .replaceAll('{function}', fn ? fn.name : '<function>');
}
