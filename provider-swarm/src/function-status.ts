// Swarm service (+ its tasks) → FunctionStatus: the inverse of service-spec.ts. Pure.
import type Dockerode from 'dockerode';
import type { FunctionResources, FunctionStatus } from '@faas/contracts';
import { SECRETS_MOUNT_PATH } from '@faas/contracts';
import { containerLabels, FAAS_FUNCTION_LABEL, serviceLabels } from './labels.js';

/** A Swarm service as `GET /services` returns it (the data, not dockerode's handle). */
export interface ServiceView {
  /** The service's ID. */
  ID: string;
  /** When it was created. */
  CreatedAt?: string;
  /** Its version, for optimistic updates. */
  Version?: { Index?: number };
  /** Its current spec. */
  Spec?: Dockerode.ServiceSpec;
  /** The state of the last update (`rollback_completed` after a failed one). */
  UpdateStatus?: { State?: string; Message?: string };
}

/** A Swarm task, as much of it as the provider reads. */
export interface TaskView {
  /** The task's ID. */
  ID?: string;
  /** The service it belongs to. */
  ServiceID?: string;
  /** What Swarm wants it to be (`running`, `shutdown`). */
  DesiredState?: string;
  /** What it is. */
  Status?: { State?: string; Err?: string; Message?: string; Timestamp?: string };
  /** The spec it was created from (carries the update marker, the image, a health-check override). */
  Spec?: {
    ContainerSpec?: { Labels?: Record<string, string>; Image?: string; Healthcheck?: { Test?: string[] } };
  };
  /** Its addresses on each network. */
  NetworksAttachments?: { Network?: { ID?: string; Spec?: { Name?: string } }; Addresses?: string[] }[];
  /** Its replica number. */
  Slot?: number;
}

/** Whether a service is one of our functions. */
export function isFunctionService(service: ServiceView): boolean {
  return service.Spec?.Labels?.[serviceLabels.function] !== undefined;
}

/** The update marker of a service's current spec. */
export function markerOf(service: ServiceView): string | undefined {
  return containerSpecOf(service)?.Labels?.[containerLabels.updateMarker];
}

/** Whether a task was made from the service's current spec (whatever became of it). */
function isOfSpec(task: TaskView, marker: string | undefined): boolean {
  return task.Spec?.ContainerSpec?.Labels?.[containerLabels.updateMarker] === marker;
}

/** Whether a task is wanted and made from the service's current spec. */
export function isCurrentTask(task: TaskView, marker: string | undefined): boolean {
  return task.DesiredState === 'running' && isOfSpec(task, marker);
}

/** Docker's own readiness: the task is `running` (after its health check passed, if it has one). */
export function isRunningTask(task: TaskView): boolean {
  return task.DesiredState === 'running' && task.Status?.State === 'running';
}

/**
 * Available replicas: up-to-date tasks that `isReady` accepts (by default Docker's `running`;
 * the provider passes its availability rule, see availability.ts), never more than desired.
 */
export function availableReplicas(
  service: ServiceView,
  tasks: readonly TaskView[],
  isReady: (task: TaskView) => boolean = isRunningTask,
): number {
  const marker = markerOf(service);
  const ready = tasks.filter((task) => isCurrentTask(task, marker) && isReady(task)).length;
  return Math.min(ready, desiredReplicas(service));
}

/** Task states that carry Docker's reason in `Status.Err` (a failure, or a task it cannot place). */
const FAILED_STATES = new Set(['failed', 'rejected', 'pending']);

/**
 * Why a function's replicas are not ready, as `docker service ps --no-trunc` shows it: the newest
 * error of a task of the current spec (`rejected: No such image: …`, `failed: task: non-zero exit
 * (127)`, `pending: no suitable node …`), unless a task of the current spec ran after it.
 * `tasks` is every task of the service, newest first.
 */
export function notReadyReason(service: ServiceView, tasks: readonly TaskView[]): string | undefined {
  const marker = markerOf(service);
  for (const task of tasks) {
    if (!isOfSpec(task, marker)) continue;
    const state = task.Status?.State ?? '';
    if (state === 'running') return undefined;
    const err = task.Status?.Err;
    if (err && FAILED_STATES.has(state)) return `${state}: ${err}`;
  }
  return undefined;
}

/** Desired replicas of a replicated service. */
export function desiredReplicas(service: ServiceView): number {
  return service.Spec?.Mode?.Replicated?.Replicas ?? 0;
}

/** The FunctionStatus of a function's service. */
export function toFunctionStatus(
  service: ServiceView,
  tasks: readonly TaskView[],
  namespace: string,
  isReady: (task: TaskView) => boolean = isRunningTask,
): FunctionStatus {
  const spec = service.Spec ?? {};
  const container = containerSpecOf(service) ?? {};
  const name = spec.Name ?? '';
  const all = spec.Labels ?? {};
  const labels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith(serviceLabels.annotationPrefix))
      annotations[key.slice(serviceLabels.annotationPrefix.length)] = value;
    else if (!isOwnLabel(key)) labels[key] = value;
  }
  labels[FAAS_FUNCTION_LABEL] = name;
  const { envProcess, envVars } = splitEnv(container.Env ?? []);
  const secrets = (container.Secrets ?? []).map(secretNameOf).filter((s): s is string => s !== undefined);
  const constraints = all[serviceLabels.defaultConstraints]
    ? undefined
    : service.Spec?.TaskTemplate?.Placement?.Constraints;
  const status: FunctionStatus = {
    name,
    image: container.Image ?? '',
    namespace,
    labels,
    annotations,
    envVars,
    readOnlyRootFilesystem: container.ReadOnly === true,
    replicas: desiredReplicas(service),
    availableReplicas: availableReplicas(service, tasks, isReady),
    invocationCount: 0,
    createdAt: rfc3339(service.CreatedAt),
  };
  if (envProcess !== undefined) status.envProcess = envProcess;
  if (constraints?.length) status.constraints = [...constraints];
  if (secrets.length > 0) status.secrets = secrets;
  const limits = quantities(all, serviceLabels.limitsMemory, serviceLabels.limitsCpu);
  if (limits) status.limits = limits;
  const requests = quantities(all, serviceLabels.requestsMemory, serviceLabels.requestsCpu);
  if (requests) status.requests = requests;
  return status;
}

function containerSpecOf(service: ServiceView): Dockerode.ContainerSpec | undefined {
  const template = service.Spec?.TaskTemplate;
  return template && 'ContainerSpec' in template ? template.ContainerSpec : undefined;
}

function isOwnLabel(key: string): boolean {
  return (
    key === serviceLabels.function ||
    key === serviceLabels.functionFlag ||
    key.startsWith(serviceLabels.internalPrefix)
  );
}

function splitEnv(env: readonly string[]): { envProcess?: string; envVars: Record<string, string> } {
  const envVars: Record<string, string> = {};
  let envProcess: string | undefined;
  for (const entry of env) {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry : entry.slice(0, eq);
    const value = eq < 0 ? '' : entry.slice(eq + 1);
    if (key === 'fprocess') envProcess = value;
    else envVars[key] = value;
  }
  return envProcess === undefined ? { envVars } : { envProcess, envVars };
}

function secretNameOf(reference: Dockerode.SecretReference): string | undefined {
  const file = reference.File?.Name;
  if (file?.startsWith(`${SECRETS_MOUNT_PATH}/`)) return file.slice(SECRETS_MOUNT_PATH.length + 1);
  return file ?? reference.SecretName;
}

function quantities(
  labels: Record<string, string>,
  memory: string,
  cpu: string,
): FunctionResources | undefined {
  const out: FunctionResources = {};
  if (labels[memory]) out.memory = labels[memory];
  if (labels[cpu]) out.cpu = labels[cpu];
  return Object.keys(out).length > 0 ? out : undefined;
}

function rfc3339(time: string | undefined): string {
  const parsed = time ? Date.parse(time) : NaN;
  return Number.isNaN(parsed) ? new Date(0).toISOString() : new Date(parsed).toISOString();
}
