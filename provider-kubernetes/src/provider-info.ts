import type { ProviderInfo } from '@faas/contracts';

/** What `/system/info` says about this provider. */
export function kubernetesProviderInfo(sha: string): ProviderInfo {
  return {
    provider: 'faas-provider-kubernetes',
    orchestration: 'kubernetes',
    version: { release: '0.1.0', sha },
  };
}
