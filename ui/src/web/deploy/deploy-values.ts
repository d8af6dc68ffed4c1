// The deploy form's values ⇄ a FunctionDeployment. Validation is the API's own code
// (parseFunctionDeployment from @faas/contracts), so the form shows the API's exact words.
import { FaasError, parseFunctionDeployment } from '@faas/contracts';
import type { FieldProblem, FunctionDeployment, FunctionStatus } from '@faas/contracts';

/** What the deploy form holds; maps are "KEY=value" lines, constraints one per line. */
export interface DeployValues {
  /** The function's name (`service`). */
  service: string;
  /** The container image. */
  image: string;
  /** The namespace; empty for the provider's default. */
  namespace: string;
  /** The watchdog's command (`fprocess`). */
  envProcess: string;
  /** Environment variables, one `KEY=value` per line. */
  envVars: string;
  /** Labels, one `key=value` per line. */
  labels: string;
  /** Annotations, one `key=value` per line. */
  annotations: string;
  /** Placement constraints, one per line. */
  constraints: string;
  /** Names of the secrets to mount. */
  secrets: string[];
  /** Memory limit, e.g. `128Mi`. */
  'limits.memory': string;
  /** CPU limit, e.g. `500m`. */
  'limits.cpu': string;
  /** Memory request. */
  'requests.memory': string;
  /** CPU request. */
  'requests.cpu': string;
  /** Mount the root filesystem read-only. */
  readOnlyRootFilesystem: boolean;
}

/** An empty form. */
export function emptyValues(): DeployValues {
  return {
    service: '',
    image: '',
    namespace: '',
    envProcess: '',
    envVars: '',
    labels: '',
    annotations: '',
    constraints: '',
    secrets: [],
    'limits.memory': '',
    'limits.cpu': '',
    'requests.memory': '',
    'requests.cpu': '',
    readOnlyRootFilesystem: false,
  };
}

/** The label every provider adds itself; not sent back on update. */
const PROVIDER_LABELS = new Set(['faas_function']);

/** The form filled from a deployed function, for an update. */
export function valuesFromStatus(status: FunctionStatus): DeployValues {
  const lines = (map: Record<string, string> | undefined, skip = new Set<string>()): string =>
    Object.entries(map ?? {})
      .filter(([k]) => !skip.has(k))
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
  return {
    service: status.name,
    image: status.image,
    namespace: status.namespace,
    envProcess: status.envProcess ?? '',
    envVars: lines(status.envVars),
    labels: lines(status.labels, PROVIDER_LABELS),
    annotations: lines(status.annotations),
    constraints: (status.constraints ?? []).join('\n'),
    secrets: [...(status.secrets ?? [])],
    'limits.memory': status.limits?.memory ?? '',
    'limits.cpu': status.limits?.cpu ?? '',
    'requests.memory': status.requests?.memory ?? '',
    'requests.cpu': status.requests?.cpu ?? '',
    readOnlyRootFilesystem: status.readOnlyRootFilesystem,
  };
}

/** Reads "KEY=value" lines; blank lines and `#` comments are skipped. */
export function parseLines(
  field: string,
  text: string,
  problems: FieldProblem[],
): Record<string, string> | undefined {
  const map: Record<string, string> = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    if (eq <= 0) problems.push({ field, message: `line ${i + 1}: write KEY=value` });
    else map[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  });
  return Object.keys(map).length > 0 ? map : undefined;
}

/** The outcome of checking the form: a deployment to send, or the problems to show. */
export type Checked = { ok: true; deployment: FunctionDeployment } | { ok: false; problems: FieldProblem[] };

/** Builds the deployment from the form and validates it exactly as the API will. */
export function checkValues(values: DeployValues): Checked {
  const problems: FieldProblem[] = [];
  const resources = (kind: 'limits' | 'requests') => {
    const memory = values[`${kind}.memory`].trim();
    const cpu = values[`${kind}.cpu`].trim();
    return memory || cpu ? { ...(memory ? { memory } : {}), ...(cpu ? { cpu } : {}) } : undefined;
  };
  const body = {
    service: values.service.trim(),
    image: values.image.trim(),
    namespace: values.namespace.trim() || undefined,
    envProcess: values.envProcess.trim() || undefined,
    envVars: parseLines('envVars', values.envVars, problems),
    labels: parseLines('labels', values.labels, problems),
    annotations: parseLines('annotations', values.annotations, problems),
    constraints: values.constraints
      .split('\n')
      .map((c) => c.trim())
      .filter((c) => c !== ''),
    secrets: values.secrets,
    limits: resources('limits'),
    requests: resources('requests'),
    readOnlyRootFilesystem: values.readOnlyRootFilesystem || undefined,
  };
  const checked = checkDeployment(body);
  if (!checked.ok) problems.push(...checked.problems);
  if (problems.length > 0) return { ok: false, problems };
  return checked;
}

/** Validates any body (the form's, or pasted JSON) with the API's own rules. */
export function checkDeployment(body: unknown): Checked {
  try {
    const deployment = parseFunctionDeployment(body);
    if (deployment.constraints?.length === 0) delete deployment.constraints;
    if (deployment.secrets?.length === 0) delete deployment.secrets;
    return { ok: true, deployment };
  } catch (err) {
    if (!(err instanceof FaasError)) throw err;
    const problems = err.problems.length > 0 ? [...err.problems] : [{ field: '', message: err.message }];
    return { ok: false, problems };
  }
}
