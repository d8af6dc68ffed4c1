import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { bunBinary, watchdogBunEntryPath, watchdogEntryPath } from '@faas/watchdog';

/** Which watchdog runtime replicas run on (`watchdog_runtime`). */
export type WatchdogRuntime = 'auto' | 'bun' | 'node';

/** How to start one watchdog, and every entry a watchdog of this provider may have been started with. */
export interface WatchdogCommand {
  command: string;
  args: string[];
  /** Both runtimes' entries: a replica left behind by an earlier run may be either (see stopOrphans). */
  entries: string[];
}

/**
 * How to start one watchdog. `bun`: Bun with the bundled `watchdog/dist/fwatchdog-bun.js` (~30 MB
 * per replica instead of ~45 MB, and a faster http mode: bench/README.md#watchdog). `node`: Node
 * with `watchdog_path` when configured, else the bundled `watchdog/dist/fwatchdog.js`, else the
 * watchdog compiled by `tsc --build`. `auto` (the default): `bun` when npm installed Bun for this
 * platform and the bundle is built and no `watchdog_path` is set (that path is a Node entry), else `node`.
 */
export function watchdogCommand(configured: string, runtime: WatchdogRuntime = 'auto'): WatchdogCommand {
  const bundled = watchdogEntryPath();
  const bunEntry = watchdogBunEntryPath();
  const entries = [bundled, bunEntry, ...(configured ? [resolve(configured)] : [])];
  const bun = bunBinary();
  if (runtime === 'bun' || (runtime === 'auto' && !configured && bun && existsSync(bunEntry))) {
    const entry = configured ? resolve(configured) : bunEntry;
    if (!bun) {
      throw new Error(
        'watchdog_runtime=bun: no Bun executable (npm installs @oven/bun-linux-<arch> with @faas/watchdog; or set BUN_PATH)',
      );
    }
    if (!existsSync(entry)) {
      throw new Error(`watchdog_runtime=bun: no watchdog at ${entry}; build it with "npm run build"`);
    }
    return { command: bun, args: [entry], entries };
  }
  const candidates = configured ? [resolve(configured)] : [bundled, join(dirname(bundled), 'src', 'main.js')];
  const entry = candidates.find((path) => existsSync(path));
  if (!entry) {
    throw new Error(
      `watchdog_path: no watchdog found at ${candidates.join(' or ')}; build it with "npm run build" (or "npm run build -w @faas/watchdog")`,
    );
  }
  return { command: process.execPath, args: [entry], entries };
}
