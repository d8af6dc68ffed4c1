import type { KubeClients } from './clients.js';
import { kubeStatus } from './api-errors.js';

/**
 * Startup check, so a misconfigured provider fails at once with the fix rather than on the first
 * request: the API server answers, the credentials are accepted, the service account may read
 * functions in the functions namespace, and that namespace exists. Throws an Error saying which.
 */
export async function checkCluster(clients: KubeClients, namespace: string, source: string): Promise<void> {
  const server = clients.config.getCurrentCluster()?.server ?? '?';
  try {
    await clients.apps.listNamespacedDeployment({ namespace, limit: 1 });
  } catch (err) {
    const status = kubeStatus(err);
    if (!status) {
      throw new Error(
        `cannot reach the Kubernetes API server at ${server} (from ${source}): ${(err as Error).message}`,
        { cause: err },
      );
    }
    if (status.code === 401)
      throw new Error(`the API server at ${server} refused the credentials from ${source} (401)`, {
        cause: err,
      });
    if (status.code === 403) {
      throw new Error(
        `the service account may not list deployments in namespace "${namespace}" (403): apply the Role and RoleBinding in deploy/kubernetes/`,
        { cause: err },
      );
    }
    throw new Error(
      `the API server at ${server} answered ${status.code} to a list of deployments in "${namespace}"`,
      { cause: err },
    );
  }
  try {
    await clients.core.readNamespace({ name: namespace });
  } catch (err) {
    const code = kubeStatus(err)?.code;
    if (code === 404) {
      throw new Error(
        `namespace "${namespace}" does not exist: create it (kubectl apply -f deploy/kubernetes/) or set function_namespace`,
        { cause: err },
      );
    }
    // 403: reading namespaces needs the optional ClusterRole; the list above already proved access.
    if (code !== 403)
      throw new Error(`cannot read namespace "${namespace}": ${code ?? (err as Error).message}`, {
        cause: err,
      });
  }
}
