/** Memory and CPU for a function, as strings echoed back exactly as sent (`"128Mi"`, `"100m"`). */
export interface FunctionResources {
  /** Memory quantity: Kubernetes (`128Mi`, `1G`) or Docker (`128m`, `1g`) units. */
  memory?: string;
  /** CPU: cores as a decimal (`0.5`) or millicores (`500m`). */
  cpu?: string;
}

/** The body of `POST`/`PUT /system/functions`: what to run and how. */
export interface FunctionDeployment {
  /** The function's name; a DNS-1123 label (`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`, at most 63 characters). */
  service: string;
  /** The container image; recorded but not pulled by the local provider. */
  image: string;
  /** Namespace to deploy into; the provider's default when absent. */
  namespace?: string;
  /** The command the watchdog runs; becomes the `fprocess` environment variable. */
  envProcess?: string;
  /** Environment variables for the function process. */
  envVars?: Record<string, string>;
  /** Placement constraints (Swarm `node.platform.os == linux`, Kubernetes `key=value`). */
  constraints?: string[];
  /** Names of secrets to mount at `/var/openfaas/secrets/<name>`. */
  secrets?: string[];
  /** Labels; `com.openfaas.scale.*` labels drive scaling. */
  labels?: Record<string, string>;
  /** Annotations: free-form metadata, read back as sent. */
  annotations?: Record<string, string>;
  /** Upper resource bounds. */
  limits?: FunctionResources;
  /** Reserved resources. */
  requests?: FunctionResources;
  /** Mount the root filesystem read-only, with a writable `/tmp`. */
  readOnlyRootFilesystem?: boolean;
  /** Deprecated: base64 `user:password` for a private registry. */
  registryAuth?: string;
  /** The network to attach to (Swarm); the provider's default when absent. */
  network?: string;
}

/** Resource usage of a function's replicas, when a provider can measure it. */
export interface FunctionUsage {
  /** CPU in cores, summed over replicas. */
  cpu?: number;
  /** Resident memory in bytes, summed over replicas. */
  totalMemoryBytes?: number;
}

/** One function as `GET /system/functions` and `GET /system/function/{name}` describe it. */
export interface FunctionStatus {
  /** The function's name (`service` at deploy time). */
  name: string;
  /** The container image as deployed. */
  image: string;
  /** The namespace the function lives in. */
  namespace: string;
  /** The command the watchdog runs (`fprocess`). */
  envProcess?: string;
  /** Environment variables; `{}` when none were deployed (a provider always sends it). */
  envVars?: Record<string, string>;
  /** Placement constraints as deployed. */
  constraints?: string[];
  /** Names of the secrets the function mounts. */
  secrets?: string[];
  /** Labels as deployed, always including `faas_function=<name>`. */
  labels: Record<string, string>;
  /** Annotations as deployed; `{}` when none were deployed (a provider always sends it). */
  annotations?: Record<string, string>;
  /** Limits exactly as deployed; absent when none were deployed. */
  limits?: FunctionResources;
  /** Requests exactly as deployed; absent when none were deployed. */
  requests?: FunctionResources;
  /** Whether the root filesystem is read-only. */
  readOnlyRootFilesystem: boolean;
  /** Desired replicas. */
  replicas: number;
  /** Replicas that are ready to serve. */
  availableReplicas: number;
  /** Invocations counted by the gateway; providers report 0. */
  invocationCount: number;
  /** When the function was first deployed, RFC 3339. */
  createdAt: string;
  /** Resource usage, when asked for with `usage=1` and measurable. */
  usage?: FunctionUsage;
  /**
   * Why a desired replica is not ready, in the provider's words, when it knows (a process that
   * exits, an image that cannot be pulled); absent when every replica is ready or nothing is known.
   * An addition to OpenFaaS's status: its clients ignore it.
   */
  notReadyReason?: string;
}

/** The body of `DELETE /system/functions`. */
export interface DeleteFunctionRequest {
  /** The function to delete. */
  functionName: string;
  /** Its namespace; `?namespace=` in the query wins over this. */
  namespace?: string;
}

/** The body of `POST /system/scale-function/{name}`. */
export interface ScaleServiceRequest {
  /** The function to scale; the path's `{name}` wins when both are given. */
  serviceName?: string;
  /** Desired replicas; 0 is allowed. */
  replicas: number;
  /** Its namespace; `?namespace=` in the query wins over this. */
  namespace?: string;
}

/** One ready replica a caller can send invocations to directly. */
export interface FunctionEndpoint {
  /** Base URL of the replica's watchdog, e.g. `http://10.0.1.7:8080`. */
  url: string;
}

/**
 * The answer of the optional route `GET /system/endpoints/{name}`: the function's ready replicas,
 * so the gateway can proxy straight to a watchdog instead of through the provider.
 */
export interface FunctionEndpoints {
  /** The function's name. */
  name: string;
  /** Its namespace. */
  namespace: string;
  /** Ready replicas; empty when none is ready. */
  endpoints: FunctionEndpoint[];
  /** How long a caller may cache this answer, in seconds. */
  ttlSeconds: number;
}
