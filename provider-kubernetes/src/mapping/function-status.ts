import type { V1Container, V1Deployment } from '@kubernetes/client-node';
import type { FunctionResources, FunctionStatus } from '@faas/contracts';
import { userAnnotations } from './annotations.js';
import { constraintsToNodeSelector, nodeSelectorToConstraints } from './constraints.js';
import {
  CONSTRAINTS_ANNOTATION,
  FUNCTION_LABEL,
  RESOURCES_ANNOTATION,
  ROLLOUT_LABEL,
  SECRETS_VOLUME,
  TEMPLATE_GENERATION_ANNOTATION,
} from './labels.js';
import { sameQuantity, toKubernetesMemory } from './quantity.js';

/**
 * A function as the contract describes it, read from its Deployment. The Deployment is the truth
 * (a `kubectl set image` shows up here); the strings the user sent for limits, requests and
 * constraints are echoed exactly only while they still mean what the Deployment says.
 * Accepts objects from the typed client (Date timestamps) and raw watch events (strings).
 */
export function toFunctionStatus(deployment: V1Deployment): FunctionStatus {
  const name = deployment.metadata?.name ?? '';
  const template = deployment.spec?.template;
  const containers = template?.spec?.containers ?? [];
  const container = containers.find((c) => c.name === name) ?? containers[0];
  const env = Object.fromEntries((container?.env ?? []).map((e) => [e.name, e.value ?? '']));
  const { fprocess, ...envVars } = env;
  const labels = { ...(template?.metadata?.labels ?? {}) };
  delete labels[ROLLOUT_LABEL];
  labels[FUNCTION_LABEL] = name;
  const annotations = userAnnotations(template?.metadata?.annotations);
  const stored = deployment.metadata?.annotations ?? {};
  const resources = readResources(container, stored[RESOURCES_ANNOTATION]);
  const constraints = readConstraints(template?.spec?.nodeSelector, stored[CONSTRAINTS_ANNOTATION]);
  const secrets = (template?.spec?.volumes ?? [])
    .filter((v) => v.name === SECRETS_VOLUME)
    .flatMap((v) => v.projected?.sources ?? [])
    .flatMap((s) => (s.secret?.name ? [s.secret.name] : []));
  const created = deployment.metadata?.creationTimestamp;
  return {
    name,
    namespace: deployment.metadata?.namespace ?? '',
    image: container?.image ?? '',
    ...(fprocess !== undefined ? { envProcess: fprocess } : {}),
    envVars,
    ...(constraints.length > 0 ? { constraints } : {}),
    ...(secrets.length > 0 ? { secrets } : {}),
    labels,
    annotations,
    ...resources,
    readOnlyRootFilesystem: container?.securityContext?.readOnlyRootFilesystem === true,
    replicas: deployment.spec?.replicas ?? 1,
    availableReplicas: currentAvailable(deployment),
    invocationCount: 0,
    createdAt: created ? new Date(created).toISOString() : new Date(0).toISOString(),
  };
}

/**
 * Available replicas of the current spec only, as on Swarm: during a rollout the pods of the
 * previous spec stay available (maxUnavailable 0) and still serve the old image, env or secret
 * value, so a caller that waits for "ready" after an update must not count them. The Deployment
 * status counts every non-terminating pod; the old ones are `replicas - updatedReplicas`, so at
 * least `availableReplicas - old` of the current spec are available. Until the controller has
 * seen the provider's last template change (`observedGeneration` behind the generation that
 * change made), none of it is known available. A scale also moves the generation but keeps the
 * pods, so it does not count as a change here.
 */
function currentAvailable(deployment: V1Deployment): number {
  const status = deployment.status ?? {};
  const templateGeneration = Number(deployment.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? 0);
  if ((status.observedGeneration ?? 0) < templateGeneration) return 0;
  const total = status.replicas ?? 0;
  const old = Math.max(0, total - (status.updatedReplicas ?? total));
  return Math.max(0, (status.availableReplicas ?? 0) - old);
}

type Resources = { limits?: FunctionResources; requests?: FunctionResources };

function readResources(container: V1Container | undefined, storedJson: string | undefined): Resources {
  const actual: Resources = {};
  for (const kind of ['limits', 'requests'] as const) {
    const list = container?.resources?.[kind];
    if (!list || (list.memory === undefined && list.cpu === undefined)) continue;
    actual[kind] = {
      ...(list.memory !== undefined ? { memory: String(list.memory) } : {}),
      ...(list.cpu !== undefined ? { cpu: String(list.cpu) } : {}),
    };
  }
  const sent = parseJson<Resources>(storedJson);
  return sent && sameResources(sent, actual) ? dropEmpty(sent) : actual;
}

function sameResources(sent: Resources, actual: Resources): boolean {
  return (['limits', 'requests'] as const).every((kind) =>
    (['memory', 'cpu'] as const).every((key) => {
      const s = sent[kind]?.[key];
      const a = actual[kind]?.[key];
      if (s === undefined || a === undefined) return s === a;
      return sameQuantity(key === 'memory' ? toKubernetesMemory(s) : s, a);
    }),
  );
}

function dropEmpty(resources: Resources): Resources {
  const out: Resources = {};
  if (resources.limits && Object.keys(resources.limits).length > 0) out.limits = resources.limits;
  if (resources.requests && Object.keys(resources.requests).length > 0) out.requests = resources.requests;
  return out;
}

function readConstraints(
  selector: Record<string, string> | undefined,
  storedJson: string | undefined,
): string[] {
  const sent = parseJson<string[]>(storedJson);
  if (Array.isArray(sent)) {
    try {
      const expected = constraintsToNodeSelector(sent);
      const same =
        Object.keys(expected).length === Object.keys(selector ?? {}).length &&
        Object.entries(expected).every(([k, v]) => selector?.[k] === v);
      if (same) return sent;
    } catch {
      // A hand-edited annotation: fall back to the nodeSelector.
    }
  }
  return nodeSelectorToConstraints(selector);
}

function parseJson<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
