// The small role interfaces a provider implements (the model is openfaas/faas-provider's
// handlers). The shared HTTP layer, `createProviderApp`, owns every route, auth, validation,
// error mapping, metrics and the invoke proxy; a provider only supplies these roles.
// Every method receives an already-validated request and an already-resolved namespace, and
// throws `FaasError`s from @faas/contracts (FUNCTION_NOT_FOUND, CONFLICT, …) — never SDK errors.
import type {
  FunctionDeployment,
  FunctionStatus,
  LogMessage,
  LogQuery,
  ProviderInfo,
  Secret,
  SecretDescription,
} from '@faas/contracts';

/** Creates, updates and removes functions. */
export interface FunctionDeployer {
  /** Starts a new function; CONFLICT when it exists. Replicas start at `com.openfaas.scale.min` (default 1). */
  deploy(deployment: FunctionDeployment, namespace: string): Promise<void>;
  /** Replaces a function's spec and rolls its replicas; FUNCTION_NOT_FOUND when missing. Keeps current replicas. */
  update(deployment: FunctionDeployment, namespace: string): Promise<void>;
  /** Removes a function and its replicas; FUNCTION_NOT_FOUND when missing. */
  remove(name: string, namespace: string): Promise<void>;
}

/** Reads functions. */
export interface FunctionReader {
  /** Every function in a namespace (`invocationCount` 0). */
  list(namespace: string): Promise<FunctionStatus[]>;
  /** One function, or undefined when it does not exist; `usage` asks for resource usage. */
  get(name: string, namespace: string, options?: { usage?: boolean }): Promise<FunctionStatus | undefined>;
}

/** Sets desired replicas. */
export interface FunctionScaler {
  /** Sets desired replicas (0 allowed); FUNCTION_NOT_FOUND when missing. */
  scale(name: string, namespace: string, replicas: number): Promise<void>;
}

/** Finds where a function's ready replicas listen. */
export interface ReplicaResolver {
  /**
   * Base URLs of the function's READY replicas' watchdogs (`http://10.0.1.7:8080`); an empty array
   * when none is ready; FUNCTION_NOT_FOUND when the function does not exist. Called per request:
   * implementations cache (briefly) or watch. Return the list in a stable order (e.g. sorted): the
   * shared layer balances over it round-robin, and a list that rotates too would skip replicas.
   */
  resolve(name: string, namespace: string): Promise<string[] | ResolvedReplicas>;
}

/**
 * What a resolver answers when it knows its answer is about to change (a rolling update): the
 * URLs with a cache lifetime of their own, used when shorter than the provider's
 * `endpointsTtlSeconds`.
 */
export interface ResolvedReplicas {
  /** Base URLs of the READY replicas, as {@link ReplicaResolver.resolve} describes them. */
  urls: string[];
  /** How long a caller may cache this answer, in seconds; 0 = ask again for every call. */
  ttlSeconds: number;
}

/** The replica URLs of a resolver's answer, whichever of its two shapes it has. */
export function replicaUrls(resolved: string[] | ResolvedReplicas): string[] {
  return Array.isArray(resolved) ? resolved : resolved.urls;
}

/** The orchestrator's secret store. Values are write-only: nothing here returns them. */
export interface SecretStore {
  /** Secrets in a namespace, names only. */
  list(namespace: string): Promise<SecretDescription[]>;
  /** Creates a secret; CONFLICT when it exists. */
  create(secret: Secret, namespace: string): Promise<void>;
  /** Replaces a secret's value; functions that mount it see the new value (re-rolled if need be). NOT_FOUND when missing. */
  update(secret: Secret, namespace: string): Promise<void>;
  /** Deletes a secret; NOT_FOUND when missing. */
  remove(name: string, namespace: string): Promise<void>;
}

/** Reads function logs. */
export interface LogReader {
  /**
   * The function's log lines, oldest first, honouring tail/since/instance; with `follow` the
   * iterable stays open until `signal` aborts. FUNCTION_NOT_FOUND when the function does not exist.
   */
  read(query: LogQuery & { namespace: string }, signal: AbortSignal): AsyncIterable<LogMessage>;
}

/** The namespaces this provider manages. */
export interface NamespaceLister {
  /** Namespaces functions may live in; requests naming any other are refused with 400. */
  list(): Promise<string[]>;
}

/** Everything a provider supplies to `createProviderApp`. Optional roles answer 501. */
export interface ProviderRoles {
  /** What `/system/info` answers. */
  info: ProviderInfo;
  /** The namespace used when a request names none. */
  defaultNamespace: string;
  deployer: FunctionDeployer;
  reader: FunctionReader;
  scaler: FunctionScaler;
  resolver: ReplicaResolver;
  secrets: SecretStore;
  namespaces: NamespaceLister;
  /** Optional: without it `/system/logs` answers 501. */
  logs?: LogReader;
}
