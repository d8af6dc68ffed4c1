import { FaasError } from '@faas/contracts';
import type { FunctionDeployment } from '@faas/contracts';
import { ConfigError } from '@faas/service-kit';
import { loadConfig as loadWatchdogConfig } from '@faas/watchdog';

/** Variables of the provider's own environment a function inherits; nothing else leaks in. */
export const INHERITED_ENV = ['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'SYSTEMROOT'];

/**
 * The variable that tells a local function where its secrets are: one file per secret, as
 * `/var/openfaas/secrets/<name>` in a container (the same name OpenFaaS SDKs read).
 */
export const SECRETS_PATH_ENV = 'secret_mount_path';

/** A replica's watchdog environment and how long it may take to stop. */
export interface ReplicaEnvironment {
  /** The environment, minus `port` and `lock_file_path`. */
  env: Record<string, string>;
  /** write_timeout + healthcheck_interval + 2s: the drain the watchdog may need after SIGTERM. */
  stopGraceMs: number;
}

/**
 * Builds the watchdog environment of a function's replicas: a few inherited variables, then
 * `healthcheck_interval=0` (the provider stops routing to a replica before it signals it, so no
 * wait is needed), then the function's `envVars`, then `envProcess` as `fprocess` (when given),
 * then what the provider must own. Refuses (400)
 * what the watchdog would refuse, so a bad deployment is never started or written.
 */
export function replicaEnvironment(
  deployment: FunctionDeployment,
  secretsDir: string,
  parentEnv: Record<string, string | undefined>,
): ReplicaEnvironment {
  // A stack.yml's `environment:` block may carry the command as fprocess; the watchdog reads it there.
  const command = deployment.envProcess ?? deployment.envVars?.fprocess;
  if (!command?.trim() && deployment.envVars?.mode !== 'static') {
    throw new FaasError(
      'INVALID_REQUEST',
      'invalid function deployment: envProcess: required by the local provider (or envVars.fprocess), e.g. "cat": images are recorded, not run',
    );
  }
  const inherited = Object.fromEntries(
    INHERITED_ENV.flatMap((k) => (parentEnv[k] !== undefined ? [[k, parentEnv[k] as string]] : [])),
  );
  const env: Record<string, string> = {
    ...inherited,
    healthcheck_interval: '0',
    ...deployment.envVars,
    ...(deployment.envProcess ? { fprocess: deployment.envProcess } : {}),
    metrics_port: '0',
    bind_address: '127.0.0.1',
    [SECRETS_PATH_ENV]: secretsDir,
  };
  try {
    const config = loadWatchdogConfig({ ...env, port: '8080', lock_file_path: '/dev/null' });
    return { env, stopGraceMs: config.writeTimeout + config.healthcheckInterval + 2000 };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    throw new FaasError(
      'INVALID_REQUEST',
      `invalid function deployment: watchdog settings: ${err.problems.join('; ')}`,
    );
  }
}
