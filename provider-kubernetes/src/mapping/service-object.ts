import type { V1Service } from '@kubernetes/client-node';
import type { FunctionDeployment } from '@faas/contracts';
import { WATCHDOG_PORT } from '@faas/contracts';
import { functionAnnotations } from './annotations.js';
import { FUNCTION_LABEL, MANAGED_BY, MANAGED_BY_LABEL } from './labels.js';

/**
 * The ClusterIP Service of a function: port 8080 `http` to the pods labelled `faas_function=<name>`.
 * The provider itself resolves pods from the Service's EndpointSlices; the Service exists so
 * the slices exist, and so `http://<name>.<namespace>:8080` works inside the cluster.
 */
export function toService(fn: FunctionDeployment, namespace: string): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: fn.service,
      namespace,
      labels: { [FUNCTION_LABEL]: fn.service, [MANAGED_BY_LABEL]: MANAGED_BY },
      annotations: functionAnnotations(fn.annotations),
    },
    spec: {
      type: 'ClusterIP',
      selector: { [FUNCTION_LABEL]: fn.service },
      ports: [{ name: 'http', protocol: 'TCP', port: WATCHDOG_PORT, targetPort: WATCHDOG_PORT }],
    },
  };
}

/**
 * The Service to PUT over an existing one: the new spec, with the fields the API server assigned
 * (immutable `clusterIP`/`clusterIPs`) and the `resourceVersion` for optimistic concurrency.
 */
export function replacementService(desired: V1Service, existing: V1Service): V1Service {
  return {
    ...desired,
    metadata: { ...desired.metadata, resourceVersion: existing.metadata?.resourceVersion },
    spec: {
      ...desired.spec,
      ...(existing.spec?.clusterIP ? { clusterIP: existing.spec.clusterIP } : {}),
      ...(existing.spec?.clusterIPs ? { clusterIPs: existing.spec.clusterIPs } : {}),
    },
  };
}
