// The list of functions is one read per namespace, and providers say why a replica is not ready
// (`notReadyReason`) on a single function's read only where finding out costs more than the list
// (Swarm's tasks, Kubernetes' pods; contracts/openapi.yaml). So the list asks those few functions
// again, to show the reason in the list as the function page does.
import type { FunctionStatus } from '@faas/contracts';

/** Most single reads one refresh of the list makes for reasons; the rest show "Not ready" alone. */
export const MAX_REASON_READS = 10;

/** Whether a status shows no ready replica of a desired one without saying why. */
function wantsReason(fn: FunctionStatus): boolean {
  return fn.replicas > 0 && fn.availableReplicas === 0 && !fn.notReadyReason;
}

/**
 * `list` with `notReadyReason` filled in from `readOne` for functions that have no ready replica
 * and no reason yet (at most MAX_REASON_READS of them). A read that fails leaves its row as listed.
 */
export async function withNotReadyReasons(
  list: FunctionStatus[],
  readOne: (fn: FunctionStatus) => Promise<FunctionStatus>,
): Promise<FunctionStatus[]> {
  const asked = list.filter(wantsReason).slice(0, MAX_REASON_READS);
  const reasons = new Map<FunctionStatus, string>();
  await Promise.all(
    asked.map(async (fn) => {
      const one = await readOne(fn).catch(() => undefined);
      if (one?.notReadyReason) reasons.set(fn, one.notReadyReason);
    }),
  );
  return list.map((fn) => {
    const reason = reasons.get(fn);
    return reason ? { ...fn, notReadyReason: reason } : fn;
  });
}
