import type { V1Pod } from '@kubernetes/client-node';

/** Waiting reasons that are part of a normal start, not a failure. */
const STARTING = new Set(['ContainerCreating', 'PodInitializing']);

/**
 * Why a function's pods are not ready, in Kubernetes' own words, as `kubectl describe pod` shows
 * them: a container waiting for a reason other than a normal start (`ImagePullBackOff: Back-off
 * pulling image "x"`, `CrashLoopBackOff` with the last exit), or a pod the scheduler cannot place.
 * Undefined when every pod is ready or merely starting.
 */
export function notReadyReason(pods: readonly V1Pod[]): string | undefined {
  for (const pod of [...pods].sort((a, b) =>
    (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
  )) {
    const reason = podReason(pod);
    if (reason) return reason;
  }
  return undefined;
}

function podReason(pod: V1Pod): string | undefined {
  if (pod.metadata?.deletionTimestamp) return undefined;
  const unschedulable = pod.status?.conditions?.find(
    (c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable',
  );
  if (unschedulable) return `Unschedulable: ${unschedulable.message ?? 'no node fits the pod'}`;
  for (const status of [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ]) {
    if (status.ready) continue;
    const waiting = status.state?.waiting;
    if (waiting?.reason && !STARTING.has(waiting.reason)) {
      const last = status.lastState?.terminated;
      const exit = last ? ` (last exit code ${last.exitCode}${last.reason ? `, ${last.reason}` : ''})` : '';
      return `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}${exit}`;
    }
    const terminated = status.state?.terminated;
    if (terminated && terminated.exitCode !== 0)
      return `${terminated.reason ?? 'Terminated'}: exit code ${terminated.exitCode}${terminated.message ? `, ${terminated.message}` : ''}`;
  }
  return undefined;
}
