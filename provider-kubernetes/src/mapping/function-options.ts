/** Timing of a readiness or liveness probe, in seconds. */
export interface ProbeTiming {
  /** Seconds after the container starts before the first probe. */
  initialDelaySeconds: number;
  /** Seconds between probes. */
  periodSeconds: number;
  /** Seconds after which one probe counts as failed. */
  timeoutSeconds: number;
}

/** Cluster-wide choices that shape every function's objects (from the provider's config). */
export interface FunctionObjectOptions {
  /** Probe the watchdog over HTTP (`GET /_/health`); false runs `cat /tmp/.lock` in the container. */
  httpProbe: boolean;
  /** When Kubernetes decides a replica may receive traffic. */
  readiness: ProbeTiming;
  /** When Kubernetes restarts a stuck replica. */
  liveness: ProbeTiming;
  /** `imagePullPolicy` of function containers; undefined keeps Kubernetes' default (Always for `:latest`). */
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** Run function containers as user 12000 instead of the image's user. */
  nonRootUser: boolean;
}

/** What differs between the first deploy and an update of the same function. */
export interface RolloutInput {
  /** Desired replicas: `com.openfaas.scale.min` on deploy, the current count on update. */
  replicas: number;
  /** A fresh value for the pod-template `uid` label, so every update rolls the pods. */
  uid: string;
  /**
   * The Deployment's `metadata.generation` once this write lands (1 on create, the read one + 1 on
   * an update: a spec change adds one), so the status can tell a rollout from a scale.
   */
  generation?: number;
}

/** The defaults the manifests and the README document. */
export const DEFAULT_FUNCTION_OBJECT_OPTIONS: FunctionObjectOptions = {
  httpProbe: true,
  readiness: { initialDelaySeconds: 2, periodSeconds: 2, timeoutSeconds: 1 },
  liveness: { initialDelaySeconds: 2, periodSeconds: 2, timeoutSeconds: 1 },
  nonRootUser: false,
};
