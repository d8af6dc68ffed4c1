import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../package-root.js';

/** The watchdog builds a template's Dockerfile can copy in. */
export interface WatchdogArtifacts {
  /** `fwatchdog.js`: one bundled ES module, run with node. */
  bundle?: string;
  /** `fwatchdog`: the self-contained executable, for images without node. */
  executable?: string;
  /** `fwatchdog-spawn`: the optional fork-server helper installed beside the watchdog. */
  spawnHelper?: string;
  /** Where they were looked for, for messages. */
  dir: string;
}

/**
 * Finds the watchdog builds: in `$FAAS_WATCHDOG_DIR` when set, else in the repository's
 * `watchdog/dist/` next to this package (`npm run build -w @faas/watchdog` makes fwatchdog.js,
 * `npm run build:executable -w @faas/watchdog` makes fwatchdog).
 */
export function findWatchdog(env: Readonly<Record<string, string | undefined>>): WatchdogArtifacts {
  const dir = env.FAAS_WATCHDOG_DIR
    ? resolve(env.FAAS_WATCHDOG_DIR)
    : join(packageRoot(), '..', 'watchdog', 'dist');
  const bundle = join(dir, 'fwatchdog.js');
  const executable = join(dir, 'fwatchdog');
  const spawnHelper = join(dir, 'fwatchdog-spawn');
  return {
    spawnHelper: existsSync(spawnHelper) ? spawnHelper : undefined,
    dir,
    bundle: existsSync(bundle) ? bundle : undefined,
    executable: existsSync(executable) ? executable : undefined,
  };
}
