import { ConfigError } from '@faas/service-kit';
import type { Logger } from '@faas/service-kit';
import { loadConfig } from './config.js';
import type { WatchdogConfig } from './config.js';

/** The configuration from the environment; every bad value is reported at once and the process exits 2. */
export function configOrExit(env: NodeJS.ProcessEnv): WatchdogConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // eslint-disable-next-line no-console -- both main.ts exit here; console is native on Bun
    console.error(`fwatchdog: ${err.message}`);
    process.exit(2);
  }
}

/**
 * What both runtimes' main.ts do once their servers listen: SIGTERM/SIGINT run the graceful
 * sequence once and exit 0 (1 if it fails), then the runner starts and the watchdog says where
 * it listens. No Node-only imports, so the Bun runtime shares it.
 */
export async function runUntilSignalled(
  watchdog: { start(): Promise<void>; shutdown(): Promise<void>; readonly metricsServer: unknown },
  config: WatchdogConfig,
  logger: Logger,
): Promise<void> {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received.`);
    watchdog.shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error(`Shutdown failed: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await watchdog.start();
  const metrics = watchdog.metricsServer ? `, metrics on port ${config.metricsPort}` : '';
  logger.info(
    `Listening on port ${config.port}${metrics}; lock file ${config.suppressLock ? 'suppressed' : config.lockFilePath}.`,
  );
}
