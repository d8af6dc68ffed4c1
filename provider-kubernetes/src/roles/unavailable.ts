import { FaasError } from '@faas/contracts';
import { kubeStatus } from '../kube/api-errors.js';

/**
 * For `.catch()` on a read of a whole namespace (a watch cache that could not sync, a list): 403
 * when the service account may not read there (a namespace without the provider's RoleBinding),
 * else 503.
 */
export function unavailable(namespace: string, what = 'functions'): (err: unknown) => never {
  return (err) => {
    if (err instanceof FaasError) throw err;
    const status = kubeStatus(err);
    if (status?.code === 403) {
      throw new FaasError(
        'FORBIDDEN',
        `the provider's service account may not read ${what} in namespace "${namespace}"; bind the faas-provider role there (README, "More namespaces")`,
      );
    }
    throw new FaasError(
      'UNAVAILABLE',
      `cannot read ${what} in namespace "${namespace}" from the Kubernetes API server${status ? ` (${status.code})` : ''}`,
    );
  };
}
