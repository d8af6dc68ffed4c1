import { mkdir } from 'node:fs/promises';
import { createProviderApp } from '@faas/provider-http';
import type { ProviderApp } from '@faas/provider-http';
import type { Logger } from '@faas/service-kit';
import type { LocalProviderConfig } from './config.js';
import { resolveCredentials } from './credentials.js';
import type { ResolvedCredentials } from './credentials.js';
import { DataPaths } from './data-paths.js';
import { LocalFunctions } from './local-functions.js';
import { LogBuffer } from './log-buffer.js';
import { LogFiles } from './log-files.js';
import { stopOrphans } from './orphans.js';
import { localProviderInfo, localRoles } from './roles.js';
import { SecretFiles } from './secret-files.js';
import { StateFile } from './state-file.js';
import { watchdogCommand } from './watchdog-command.js';

/** What the local provider needs besides its configuration. */
export interface LocalProviderDeps {
  /** Where the provider logs. */
  logger: Logger;
  /** The environment functions inherit a few variables from (PATH, HOME…); default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** A running local provider, not yet listening. */
export interface LocalProvider {
  /** The HTTP app: `http.createServer(provider.app)`. */
  app: ProviderApp;
  /** The basic-auth credentials `/system/*` requires; undefined when `basic_auth=false`. */
  credentials: ResolvedCredentials | undefined;
  /** The data directory, absolute. */
  dataDir: string;
  /** Stops every replica and closes pooled connections; the caller closes its server first. */
  close(): Promise<void>;
}

/**
 * Builds the local provider: resolves credentials, restores persisted functions (their replicas
 * start in the background) and returns the app without listening. Used by main.ts and by the
 * platform launcher in-process.
 */
export async function createLocalProvider(
  config: LocalProviderConfig,
  deps: LocalProviderDeps,
): Promise<LocalProvider> {
  const { logger } = deps;
  const paths = new DataPaths(config.dataDir);
  await mkdir(paths.root, { recursive: true, mode: 0o700 });
  const watchdog = watchdogCommand(config.watchdogPath, config.watchdogRuntime);
  await stopOrphans(paths.runDir, watchdog.entries, logger);
  const credentials = config.basicAuth
    ? await resolveCredentials(config.secretMountPath, paths, logger)
    : undefined;
  const secrets = new SecretFiles(paths);
  const logs = new LogBuffer(config.logBufferLines, new LogFiles(paths.logsDir, config.logBufferLines));
  const functions = new LocalFunctions({
    paths,
    secrets,
    logs,
    state: new StateFile(paths.stateFile),
    logger,
    watchdog,
    parentEnv: deps.env ?? process.env,
    backoffMaxMs: config.restartBackoffMax,
  });
  secrets.onChange((name, namespace) => functions.secretChanged(name, namespace));
  await functions.restore();
  const app = createProviderApp(localRoles(localProviderInfo(config.gitSha, paths), functions, secrets, logs), {
    logger,
    auth: credentials ? { user: credentials.user, password: credentials.password } : undefined,
    invokeTimeoutMs: config.invokeTimeout,
  });
  return {
    app,
    credentials,
    dataDir: paths.root,
    async close() {
      app.close();
      await functions.close();
      await logs.close();
    },
  };
}
