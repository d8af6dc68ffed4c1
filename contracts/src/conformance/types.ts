/** Basic-auth credentials for `/system/*`. */
export interface ConformanceCredentials {
  /** The user name. */
  user: string;
  /** The password. */
  password: string;
}

/**
 * A function the kit deploys, as a stack.yml entry would describe it. `{{port}}` anywhere is
 * replaced by a random port (20000–32767) per deployment; `{{secret}}` by a secret's name.
 */
export interface FunctionSpec {
  /** The image (recorded by the local provider, run by container providers). */
  image: string;
  /** The command the watchdog runs (`fprocess`). */
  envProcess: string;
  /** Extra environment, e.g. watchdog settings (`mode`, `upstream_url`). */
  envVars?: Record<string, string>;
}

/** The three functions the cases deploy; presets exist for the local and container providers. */
export interface ConformanceFunctions {
  /** Answers every request with its environment, one `NAME=value` per line (`env` under the classic watchdog). */
  env: FunctionSpec;
  /** Answers with exactly the bytes of the secret `{{secret}}` as the provider mounts it (`cat /var/openfaas/secrets/{{secret}}`). */
  secretReader: FunctionSpec;
  /** Answers `GET <path>` with a 302 and a `Location` header (e.g. busybox httpd behind the watchdog in http mode). */
  redirect: FunctionSpec & {
    /** The path (after `/function/<name>`) that answers 302. */
    path: string;
  };
}

/** Cases to leave out, and why (a reason is required). */
export interface ConformanceSkip {
  /** Why these cases do not apply to this provider, in words. */
  reason: string;
  /** Case ids (see `conformanceCases`). */
  tests: string[];
}

/** What the kit runs against. */
export interface ConformanceOptions {
  /** The provider's base URL, e.g. `http://127.0.0.1:8081`; a getter is read when each case runs. */
  baseUrl: string | (() => string);
  /** Credentials for `/system/*`; a getter is read when each case runs. Undefined: none sent. */
  auth?: ConformanceCredentials | (() => ConformanceCredentials | undefined);
  /** The namespace to deploy into; the provider's default when absent. */
  namespace?: string;
  /** The functions to deploy. */
  functions: ConformanceFunctions;
  /** Cases to skip, each group with its reason. */
  skip?: ConformanceSkip[];
  /** Only these case ids (for focused runs). */
  only?: string[];
  /** Longest wait for replicas to become ready or logs to appear, ms. Default 30 000. */
  readyTimeoutMs?: number;
  /** Poll period while waiting, ms. Default 100. */
  pollMs?: number;
  /** Prefix of the names the kit deploys. Default `conf`. */
  namePrefix?: string;
}

/** The outcome of one case. */
export interface CaseResult {
  /** The case id. */
  id: string;
  /** Its title. */
  title: string;
  /** passed, failed or skipped. */
  outcome: 'passed' | 'failed' | 'skipped';
  /** Why it failed, or the skip reason. */
  message?: string;
  /** How long it took, ms. */
  durationMs: number;
}
