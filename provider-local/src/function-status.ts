import { setNotReadyReason } from '@faas/contracts';
import type { FunctionStatus, FunctionUsage } from '@faas/contracts';
import type { StoredFunction } from './state-file.js';

/**
 * The wire status of a local function: fields echoed as deployed, `limits`/`requests` absent when
 * none were deployed, the maps always sent (`{}` when empty), `faas_function` always among the labels,
 * and why a replica is not ready when one failed to run.
 */
export function functionStatus(
  stored: StoredFunction,
  live: { availableReplicas: number; notReadyReason?: string; usage?: FunctionUsage },
): FunctionStatus {
  const { availableReplicas, notReadyReason, usage } = live;
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
  setNotReadyReason(status, notReadyReason);
  return status;
}
