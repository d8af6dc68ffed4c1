import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryLogger } from '@faas/service-kit';
import { loadConfig } from '../src/config.js';
import { createWatchdog } from '../src/create-watchdog.js';
import type { Watchdog, WatchdogDeps } from '../src/create-watchdog.js';

/** The fixtures directory, for `fprocess=node <fixture>`. */
export const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A watchdog listening on an ephemeral port, with its logs in memory. */
export interface RunningWatchdog {
  url: string;
  watchdog: Watchdog;
  logger: MemoryLogger;
  lockFile: string;
  close(): Promise<void>;
}

/** Builds and starts a watchdog from an env map (metrics off, lock file in a temp dir). */
export async function startWatchdog(
  env: Record<string, string>,
  deps: Partial<WatchdogDeps> = {},
): Promise<RunningWatchdog> {
  const lockFile = join(mkdtempSync(join(tmpdir(), 'watchdog-test-')), '.lock');
  const config = loadConfig({ metrics_port: '0', lock_file_path: lockFile, ...env });
  const logger = new MemoryLogger();
  const watchdog = createWatchdog(config, { logger, env: { PATH: process.env.PATH ?? '' }, ...deps });
  await new Promise<void>((resolve) => watchdog.server.listen(0, '127.0.0.1', resolve));
  await watchdog.start();
  const { port } = watchdog.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    watchdog,
    logger,
    lockFile,
    async close() {
      watchdog.server.closeAllConnections();
      await new Promise((r) => watchdog.server.close(r));
      await watchdog.runner.stop();
      deps.spawner?.close();
      watchdog.lock.remove();
    },
  };
}

/** Whether a process exists and is not a zombie. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}
