import type { FunctionStatus, FunctionUsage } from '@faas/contracts';
import type { StoredFunction } from './state-file.js';

/**
 * The wire status of a local function: fields echoed as deployed, `limits`/`requests` absent when
 * none were deployed, the maps always sent (`{}` when empty), `faas_function` always among the labels.
 */
export function functionStatus(
  stored: StoredFunction,
  availableReplicas: number,
  usage?: FunctionUsage,
): FunctionStatus {
  const d = stored.deployment;
  const status: FunctionStatus = {
    name: d.service,
    image: d.image,
    namespace: stored.namespace,
    labels: { ...d.labels, faas_function: d.service },
    annotations: { ...d.annotations },
    envVars: { ...d.envVars },
    readOnlyRootFilesystem: d.readOnlyRootFilesystem ?? false,
    replicas: stored.replicas,
    availableReplicas,
    invocationCount: 0,
    createdAt: stored.createdAt,
  };
  if (d.envProcess !== undefined) status.envProcess = d.envProcess;
  if (d.constraints?.length) status.constraints = [...d.constraints];
  if (d.secrets?.length) status.secrets = [...d.secrets];
  if (d.limits) status.limits = { ...d.limits };
  if (d.requests) status.requests = { ...d.requests };
  if (usage) status.usage = usage;
  return status;
}
