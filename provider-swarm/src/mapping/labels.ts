// The label and path names the Swarm provider writes on services, containers and secrets. Keys
// under `com.faas.` are our own bookkeeping: they never show up in a function's labels.

/** Label keys on a function's service (provider-swarm/README.md, plus our own bookkeeping). */
export const serviceLabels = {
  /** `com.openfaas.function=<name>`: marks a service as a function (and only those are listed). */
  function: 'com.openfaas.function',
  /** `function=true`, as OpenFaaS on Swarm always wrote it. */
  functionFlag: 'function',
  /** Prefix of annotations stored as labels; read back without it. */
  annotationPrefix: 'com.openfaas.annotations.',
  /** Prefix of our own bookkeeping labels. */
  internalPrefix: 'com.faas.',
  /** `limits.memory` exactly as sent, so `"5Mi"` reads back as `"5Mi"`. */
  limitsMemory: 'com.faas.limits.memory',
  /** `limits.cpu` exactly as sent. */
  limitsCpu: 'com.faas.limits.cpu',
  /** `requests.memory` exactly as sent. */
  requestsMemory: 'com.faas.requests.memory',
  /** `requests.cpu` exactly as sent. */
  requestsCpu: 'com.faas.requests.cpu',
  /** Present when the constraints are the provider's default, not the caller's. */
  defaultConstraints: 'com.faas.constraints.default',
  /** The namespace the function was deployed in (Swarm has none; always the one we serve). */
  namespace: 'com.faas.namespace',
} as const;

/** Label keys on a function's containers. */
export const containerLabels = {
  /** Changed on every update, so `PUT` always rolls the tasks even when nothing else changed. */
  updateMarker: 'com.faas.update-marker',
} as const;

/** Label keys on the Swarm secrets this provider owns. */
export const secretLabels = {
  /** `openfaas=true`: a secret for functions (the label OpenFaaS on Swarm used). */
  owner: 'openfaas',
  /** The secret's name as callers know it (the Swarm name carries a version suffix). */
  name: 'com.faas.secret.name',
  /** The version number, 1 and up; `PUT` creates the next one. */
  version: 'com.faas.secret.version',
} as const;

/** The label that marks the network functions join when a deployment names none. */
export const NETWORK_LABEL = 'openfaas';

/** The constraint a function gets when it gives none (provider-swarm/README.md). */
export const DEFAULT_CONSTRAINTS: readonly string[] = ['node.platform.os == linux'];

/** The label every function's labels include when read back. */
export const FAAS_FUNCTION_LABEL = 'faas_function';
