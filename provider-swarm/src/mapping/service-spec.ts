// FunctionDeployment → Swarm ServiceSpec, as provider-swarm/README.md describes. Pure: everything it needs from
// Docker (the network, the secrets' current versions) is resolved by the caller and passed in.
import type Dockerode from 'dockerode';
import type { FunctionDeployment, FunctionResources } from '@faas/contracts';
import { FaasError, SECRETS_MOUNT_PATH } from '@faas/contracts';
import { containerLabels, DEFAULT_CONSTRAINTS, serviceLabels } from './labels.js';
import { memoryBytes, MIN_MEMORY_LIMIT_BYTES, nanoCpus } from './units.js';

/** One version of a Swarm secret a function mounts. */
export interface SecretVersionRef {
  /** The Swarm secret's ID. */
  id: string;
  /** The Swarm secret's name (`<name>_<version>`). */
  swarmName: string;
}

/** What the mapping needs besides the deployment. */
export interface SpecContext {
  /** The namespace the function belongs to (recorded as a label). */
  namespace: string;
  /** The network to attach to: the deployment's or the one labelled `openfaas=true`. */
  network: string;
  /** The current version of each secret the deployment names, by caller-facing name. */
  secrets: Readonly<Record<string, SecretVersionRef>>;
  /** Desired replicas: `com.openfaas.scale.min` at deploy, the current count on update. */
  replicas: number;
  /** A value unique to this deploy or update; rolls the tasks even when nothing else changed. */
  updateMarker: string;
  /** Run the image's own health check this often, ms, so new replicas serve sooner; 0 = the image's interval. */
  healthIntervalMs?: number;
}

const SECOND_NS = 1_000_000_000;

/** The ServiceSpec of a function. Throws INVALID_REQUEST for quantities Docker cannot take. */
export function toServiceSpec(deployment: FunctionDeployment, context: SpecContext): Dockerode.ServiceSpec {
  const name = deployment.service;
  const constraints = deployment.constraints?.length ? deployment.constraints : [...DEFAULT_CONSTRAINTS];
  return {
    Name: name,
    Labels: serviceLabelsOf(deployment, context),
    TaskTemplate: {
      ContainerSpec: {
        Image: deployment.image,
        Labels: { [serviceLabels.function]: name, [containerLabels.updateMarker]: context.updateMarker },
        Env: envOf(deployment),
        // Docker's init (tini) as PID 1: it reaps the processes a function leaves behind when the
        // watchdog kills its process group (a watchdog that is PID 1 itself cannot adopt them).
        Init: true,
        ...(deployment.readOnlyRootFilesystem
          ? { ReadOnly: true, Mounts: [{ Type: 'tmpfs' as const, Source: '', Target: '/tmp' }] }
          : {}),
        Secrets: (deployment.secrets ?? []).map((secret) => secretReference(secret, context)),
        // No Test: Docker keeps the image's check (none stays none) and only takes the interval.
        ...(context.healthIntervalMs
          ? { HealthCheck: { Interval: context.healthIntervalMs * 1_000_000 } }
          : {}),
      },
      Resources: resourcesOf(deployment),
      // `any`, not `on-failure`: a watchdog exits 0 after SIGTERM, and a replica stopped that way
      // must come back as well. Short delay so a killed replica is replaced within seconds.
      RestartPolicy: { Condition: 'any', Delay: SECOND_NS, MaxAttempts: 0 },
      Placement: { Constraints: constraints },
      Networks: [{ Target: context.network }],
    },
    Mode: { Replicated: { Replicas: context.replicas } },
    UpdateConfig: { Parallelism: 1, Order: 'start-first', FailureAction: 'rollback', Monitor: 5 * SECOND_NS },
    RollbackConfig: { Parallelism: 1, Order: 'start-first', FailureAction: 'pause', Monitor: 5 * SECOND_NS },
    // No virtual IP: this kernel has no IPVS, and replicas are resolved one by one anyway.
    EndpointSpec: { Mode: 'dnsrr' },
  };
}

function serviceLabelsOf(deployment: FunctionDeployment, context: SpecContext): Record<string, string> {
  const labels: Record<string, string> = { ...deployment.labels };
  for (const [key, value] of Object.entries(deployment.annotations ?? {})) {
    labels[serviceLabels.annotationPrefix + key] = value;
  }
  const quantities: [FunctionResources | undefined, keyof FunctionResources, string][] = [
    [deployment.limits, 'memory', serviceLabels.limitsMemory],
    [deployment.limits, 'cpu', serviceLabels.limitsCpu],
    [deployment.requests, 'memory', serviceLabels.requestsMemory],
    [deployment.requests, 'cpu', serviceLabels.requestsCpu],
  ];
  for (const [resources, key, label] of quantities) {
    const value = resources?.[key];
    if (value) labels[label] = value;
  }
  if (!deployment.constraints?.length) labels[serviceLabels.defaultConstraints] = 'true';
  labels[serviceLabels.namespace] = context.namespace;
  labels[serviceLabels.function] = deployment.service;
  labels[serviceLabels.functionFlag] = 'true';
  return labels;
}

function envOf(deployment: FunctionDeployment): string[] {
  const env = deployment.envProcess ? [`fprocess=${deployment.envProcess}`] : [];
  for (const [key, value] of Object.entries(deployment.envVars ?? {})) {
    if (key !== 'fprocess' || !deployment.envProcess) env.push(`${key}=${value}`);
  }
  return env;
}

function secretReference(secret: string, context: SpecContext): Dockerode.SecretReference {
  const version = context.secrets[secret];
  if (!version)
    throw new FaasError('INVALID_REQUEST', `invalid function deployment: unknown secret: ${secret}`);
  return {
    SecretID: version.id,
    SecretName: version.swarmName,
    File: { Name: `${SECRETS_MOUNT_PATH}/${secret}`, UID: '0', GID: '0', Mode: 0o444 },
  };
}

function resourcesOf(deployment: FunctionDeployment): Dockerode.ResourceRequirements {
  const { limits, requests } = deployment;
  const out: Dockerode.ResourceRequirements = {};
  if (limits?.memory || limits?.cpu) {
    out.Limits = {};
    if (limits.memory)
      out.Limits.MemoryBytes = Math.max(memoryBytes(limits.memory, 'limits.memory'), MIN_MEMORY_LIMIT_BYTES);
    if (limits.cpu) out.Limits.NanoCPUs = nanoCpus(limits.cpu, 'limits.cpu');
  }
  if (requests?.memory || requests?.cpu) {
    out.Reservations = {};
    if (requests.memory) out.Reservations.MemoryBytes = memoryBytes(requests.memory, 'requests.memory');
    if (requests.cpu) out.Reservations.NanoCPUs = nanoCpus(requests.cpu, 'requests.cpu');
  }
  return out;
}
