import { FaasError } from '@faas/contracts';

/**
 * Turns placement constraints into a nodeSelector: `key=value` (also `key==value`, spaces allowed
 * around the operator, as Swarm stack files write them). Anything else is refused with 400 rather
 * than ignored, because an ignored constraint silently places a function on the wrong nodes.
 */
export function constraintsToNodeSelector(
  constraints: readonly string[] | undefined,
): Record<string, string> {
  const selector: Record<string, string> = {};
  const bad: string[] = [];
  for (const constraint of constraints ?? []) {
    const match = /^\s*([^=!<>\s]+)\s*==?\s*([^=\s]*)\s*$/.exec(constraint);
    if (!match) bad.push(constraint);
    else selector[match[1] as string] = match[2] as string;
  }
  if (bad.length > 0) {
    throw new FaasError(
      'INVALID_REQUEST',
      `invalid deployment: constraints: ${bad.map((c) => JSON.stringify(c)).join(', ')} ` +
        'must be key=value (a node label) on Kubernetes',
      bad.map(() => ({ field: 'constraints', message: 'must be key=value' })),
    );
  }
  return selector;
}

/** The constraints a nodeSelector stands for, `key=value`, in the selector's order. */
export function nodeSelectorToConstraints(selector: Record<string, string> | undefined): string[] {
  return Object.entries(selector ?? {}).map(([key, value]) => `${key}=${value}`);
}
