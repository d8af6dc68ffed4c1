import type {
  V1Container,
  V1Deployment,
  V1EnvVar,
  V1Probe,
  V1Volume,
  V1VolumeMount,
} from '@kubernetes/client-node';
import type { FunctionDeployment } from '@faas/contracts';
import { SECRETS_MOUNT_PATH, WATCHDOG_PORT } from '@faas/contracts';
import type { FunctionObjectOptions, ProbeTiming, RolloutInput } from './function-options.js';
import { constraintsToNodeSelector } from './constraints.js';
import { toKubernetesMemory } from './quantity.js';
import {
  CONSTRAINTS_ANNOTATION,
  FUNCTION_LABEL,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  RESOURCES_ANNOTATION,
  ROLLOUT_LABEL,
  SECRETS_VOLUME,
  TEMPLATE_GENERATION_ANNOTATION,
  TMP_VOLUME,
} from './labels.js';
import { functionAnnotations } from './annotations.js';

/** The user id function containers run as when `nonRootUser` is on (OpenFaaS uses the same). */
export const NON_ROOT_USER = 12000;

/**
 * The Deployment that runs a function (provider-kubernetes/README.md): selector `faas_function=<name>`, one container
 * named after the function on port 8080 `http`, probes on the watchdog, secrets in one projected
 * read-only volume, RollingUpdate 0/1 and a fresh `uid` pod-template label on every call.
 */
export function toDeployment(
  fn: FunctionDeployment,
  namespace: string,
  options: FunctionObjectOptions,
  rollout: RolloutInput,
): V1Deployment {
  const userLabels = { ...(fn.labels ?? {}), [FUNCTION_LABEL]: fn.service };
  const annotations = functionAnnotations(fn.annotations);
  const internal: Record<string, string> = {};
  if (fn.limits || fn.requests) {
    internal[RESOURCES_ANNOTATION] = JSON.stringify({ limits: fn.limits, requests: fn.requests });
  }
  if (fn.constraints?.length) internal[CONSTRAINTS_ANNOTATION] = JSON.stringify(fn.constraints);
  if (rollout.generation !== undefined) internal[TEMPLATE_GENERATION_ANNOTATION] = String(rollout.generation);
  const nodeSelector = constraintsToNodeSelector(fn.constraints);
  const volumes = functionVolumes(fn);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: fn.service,
      namespace,
      labels: { ...userLabels, [MANAGED_BY_LABEL]: MANAGED_BY },
      annotations: { ...annotations, ...internal },
    },
    spec: {
      replicas: rollout.replicas,
      selector: { matchLabels: { [FUNCTION_LABEL]: fn.service } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels: { ...userLabels, [ROLLOUT_LABEL]: rollout.uid },
          annotations,
        },
        spec: {
          containers: [functionContainer(fn, options, volumes.mounts)],
          ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {}),
          ...(volumes.volumes.length > 0 ? { volumes: volumes.volumes } : {}),
          // Service links put one env var per Service of the namespace into every function.
          enableServiceLinks: false,
          // The pod's pause container becomes PID 1 and reaps what a function leaves behind when
          // the watchdog kills its process group (the watchdog cannot adopt orphans; Swarm gets
          // the same from Docker's init).
          shareProcessNamespace: true,
        },
      },
    },
  };
}

function functionContainer(
  fn: FunctionDeployment,
  options: FunctionObjectOptions,
  volumeMounts: V1VolumeMount[],
): V1Container {
  const resources = {
    ...(fn.limits ? { limits: resourceList(fn.limits) } : {}),
    ...(fn.requests ? { requests: resourceList(fn.requests) } : {}),
  };
  return {
    name: fn.service,
    image: fn.image,
    ...(options.imagePullPolicy ? { imagePullPolicy: options.imagePullPolicy } : {}),
    ports: [{ name: 'http', containerPort: WATCHDOG_PORT, protocol: 'TCP' }],
    env: functionEnv(fn),
    ...(Object.keys(resources).length > 0 ? { resources } : {}),
    readinessProbe: probe(options.httpProbe, options.readiness),
    livenessProbe: probe(options.httpProbe, options.liveness),
    securityContext: {
      readOnlyRootFilesystem: fn.readOnlyRootFilesystem === true,
      allowPrivilegeEscalation: false,
      ...(options.nonRootUser ? { runAsUser: NON_ROOT_USER, runAsNonRoot: true } : {}),
    },
    ...(volumeMounts.length > 0 ? { volumeMounts } : {}),
  };
}

/** `fprocess` (from envProcess, which wins over an envVars entry of that name) plus envVars, sorted. */
function functionEnv(fn: FunctionDeployment): V1EnvVar[] {
  const vars: Record<string, string> = { ...(fn.envVars ?? {}) };
  if (fn.envProcess !== undefined) vars.fprocess = fn.envProcess;
  return Object.keys(vars)
    .sort()
    .map((name) => ({ name, value: vars[name] as string }));
}

function resourceList(resources: { memory?: string; cpu?: string }): Record<string, string> {
  return {
    ...(resources.memory ? { memory: toKubernetesMemory(resources.memory) } : {}),
    ...(resources.cpu ? { cpu: resources.cpu } : {}),
  };
}

function probe(http: boolean, timing: ProbeTiming): V1Probe {
  const action = http
    ? { httpGet: { path: '/_/health', port: WATCHDOG_PORT, scheme: 'HTTP' } }
    : { exec: { command: ['cat', '/tmp/.lock'] } };
  return { ...action, ...timing, successThreshold: 1, failureThreshold: 3 };
}

function functionVolumes(fn: FunctionDeployment): { volumes: V1Volume[]; mounts: V1VolumeMount[] } {
  const volumes: V1Volume[] = [];
  const mounts: V1VolumeMount[] = [];
  const secrets = [...new Set(fn.secrets ?? [])];
  if (secrets.length > 0) {
    volumes.push({
      name: SECRETS_VOLUME,
      projected: {
        sources: secrets.map((name) => ({ secret: { name, items: [{ key: name, path: name }] } })),
      },
    });
    mounts.push({ name: SECRETS_VOLUME, mountPath: SECRETS_MOUNT_PATH, readOnly: true });
  }
  if (fn.readOnlyRootFilesystem === true) {
    volumes.push({ name: TMP_VOLUME, emptyDir: {} });
    mounts.push({ name: TMP_VOLUME, mountPath: '/tmp' });
  }
  return { volumes, mounts };
}
