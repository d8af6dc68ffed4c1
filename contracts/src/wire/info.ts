/** Build version of a component. */
export interface VersionInfo {
  /** Release name, e.g. `0.1.0`. */
  release: string;
  /** Git commit SHA it was built from. */
  sha: string;
  /** First line of the commit message, when known. */
  commit_message?: string;
}

/** The answer of a provider's `GET /system/info`. */
export interface ProviderInfo {
  /** The provider's name, e.g. `faas-local`. */
  provider: string;
  /** The orchestrator it drives. */
  orchestration: 'swarm' | 'kubernetes' | 'local' | (string & {});
  /** The provider's version. */
  version: VersionInfo;
  /** What differs from a container orchestrator, in words (e.g. "images are recorded, not pulled"). */
  notes?: string[];
  /**
   * The directory in which a function finds the secrets it names, one file per secret, when it is
   * not `/var/openfaas/secrets`; `{namespace}` and `{function}` stand for the function's own.
   */
  secretMountPath?: string;
}

/** The answer of the gateway's `GET /system/info`. */
export interface GatewayInfo {
  /** The provider's own info, wrapped. */
  provider: ProviderInfo;
  /** The gateway's version. */
  version: VersionInfo;
  /** CPU architecture of the gateway's host as Go names it, e.g. `amd64` or `arm64`. */
  arch: string;
}
