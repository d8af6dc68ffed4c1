import { FaasError } from '@faas/contracts';

/** Swarm's node attributes with a Kubernetes node label of the same meaning. */
const SWARM_NODE_LABELS: Record<string, string> = {
  'node.hostname': 'kubernetes.io/hostname',
  'node.platform.os': 'kubernetes.io/os',
  'node.platform.arch': 'kubernetes.io/arch',
};

/** Swarm reports `uname -m`; Kubernetes nodes are labelled with Go's architecture names. */
const ARCH_NAMES: Record<string, string> = {
  x86_64: 'amd64',
  aarch64: 'arm64',
  armv7l: 'arm',
  armv6l: 'arm',
};

/** A constraint written for Swarm's scheduler (`node.role`, `node.labels.x`, `engine.labels.x`, …). */
function isSwarmKey(key: string): boolean {
  return /^(node\.(id|hostname|role|platform\.os|platform\.arch|labels\..+)|engine\.labels\..+)$/.test(key);
}

/** Placement constraints read for Kubernetes: the nodeSelector, and the Swarm ones left out. */
export interface NodePlacement {
  nodeSelector: Record<string, string>;
  /** Swarm constraints without a Kubernetes meaning (`node.role==manager`, `!=`, engine labels). */
  ignored: string[];
}

/**
 * Turns placement constraints into a nodeSelector: `key=value` (also `key==value`, spaces allowed
 * around the operator) is the node label `key`. Stack files written for Swarm keep working: a
 * Swarm constraint with a Kubernetes meaning is translated (`node.labels.X==Y` → `X: Y`,
 * `node.hostname` → `kubernetes.io/hostname`, `node.platform.os|arch` → `kubernetes.io/os|arch`)
 * and the rest (`node.role`, `node.id`, `engine.labels.*`, any Swarm `!=`) is ignored and
 * reported, because no node label stands for it and a selector no node matches leaves the pod
 * Pending. Anything else is refused with 400: an ignored constraint of the user's own would
 * silently place a function on the wrong nodes.
 */
export function readPlacement(constraints: readonly string[] | undefined): NodePlacement {
  const nodeSelector: Record<string, string> = {};
  const ignored: string[] = [];
  const bad: string[] = [];
  for (const constraint of constraints ?? []) {
    const match = /^\s*([^=!<>\s]+)\s*(==?|!=)\s*([^=\s]*)\s*$/.exec(constraint);
    const [key, op, value] = match ? [match[1] as string, match[2] as string, match[3] as string] : [];
    if (key === undefined || value === undefined) bad.push(constraint);
    else if (!isSwarmKey(key)) {
      if (op === '!=') bad.push(constraint);
      else nodeSelector[key] = value;
    } else if (op === '!=') ignored.push(constraint);
    else if (key.startsWith('node.labels.')) nodeSelector[key.slice('node.labels.'.length)] = value;
    else if (key in SWARM_NODE_LABELS) {
      const label = SWARM_NODE_LABELS[key] as string;
      nodeSelector[label] = label === 'kubernetes.io/arch' ? (ARCH_NAMES[value] ?? value) : value;
    } else ignored.push(constraint);
  }
  if (bad.length > 0) {
    throw new FaasError(
      'INVALID_REQUEST',
      `invalid deployment: constraints: ${bad.map((c) => JSON.stringify(c)).join(', ')} ` +
        'must be key=value (a node label) on Kubernetes',
      bad.map(() => ({ field: 'constraints', message: 'must be key=value' })),
    );
  }
  return { nodeSelector, ignored };
}

/** The nodeSelector that `constraints` stand for (readPlacement without the ignored list). */
export function constraintsToNodeSelector(
  constraints: readonly string[] | undefined,
): Record<string, string> {
  return readPlacement(constraints).nodeSelector;
}

/** The constraints a nodeSelector stands for, `key=value`, in the selector's order. */
export function nodeSelectorToConstraints(selector: Record<string, string> | undefined): string[] {
  return Object.entries(selector ?? {}).map(([key, value]) => `${key}=${value}`);
}
