import { mkdir } from 'node:fs/promises';
import type { ProviderApp } from '@faas/provider-http';
import type { Logger } from '@faas/service-kit';
import { lockDir } from '@faas/service-kit/dir-lock';
import type { LocalProviderConfig } from './config.js';
import { resolveCredentials } from './credentials.js';
import type { ResolvedCredentials } from './credentials.js';
import { createContainer, LocalParts } from './container.js';
import { DataPaths } from './data-paths.js';
import { removeLeftovers } from './leftovers.js';
import { stopOrphans } from './orphans.js';
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
 * Builds the local provider: locks the data directory (a second instance refuses to start and
 * touches nothing), stops replicas and removes files a killed run left, resolves credentials,
 * restores persisted functions (their replicas start in the background) and returns the app
 * without listening. Used by main.ts and by the platform launcher in-process.
 */
export async function createLocalProvider(
  config: LocalProviderConfig,
  deps: LocalProviderDeps,
): Promise<LocalProvider> {
  const { logger } = deps;
  const paths = new DataPaths(config.dataDir);
  await mkdir(paths.root, { recursive: true, mode: 0o700 });
  // Before anything else touches the directory: a second instance must stop no replica of the first.
  const unlock = await lockDir(
    paths.root,
    (owner) =>
      `the data directory ${paths.root} is in use by process ${owner} (another faas or provider-local); stop that one first, or give this one its own data_dir (faas_state_dir for npm start)`,
  );
  let functions: { close(): Promise<void> } | undefined;
  try {
    const watchdog = watchdogCommand(config.watchdogPath, config.watchdogRuntime);
    await stopOrphans(paths.runDir, watchdog.entries, logger);
    const removed = await removeLeftovers(paths);
    if (removed.length > 0) logger.info('removed files left by an interrupted run', { files: removed });
    const credentials = config.basicAuth
      ? await resolveCredentials(config.secretMountPath, paths, logger)
      : undefined;
    const {
      app,
      functions: running,
      logs,
    } = createContainer({
      config,
      logger,
      paths,
      watchdog,
      credentials,
      env: deps.env ?? process.env,
    }).get<LocalParts>(LocalParts);
    functions = running;
    await running.restore();
    return {
      app,
      credentials,
      dataDir: paths.root,
      async close() {
        app.close();
        await running.close();
        await logs.close();
        await unlock();
      },
    };
  } catch (err) {
    await functions?.close();
    await unlock();
    throw err;
  }
}
