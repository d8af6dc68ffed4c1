import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package directory, from this module in `src/` (tests) or `dist/src/` (built). */
function packageDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(`${'/'}dist${'/'}src`) ? dirname(dirname(here)) : dirname(here);
}

/**
 * The bundled JS entry (`watchdog/dist/fwatchdog.js`, built by `npm run build -w @faas/watchdog`):
 * `node <this path>` with `fprocess`, `port`, `metrics_port`, `lock_file_path` in the environment
 * starts one watchdog process.
 */
export function watchdogEntryPath(): string {
  return join(packageDir(), 'dist', 'fwatchdog.js');
}

/** The self-contained executable (`watchdog/dist/fwatchdog`), for images without Node. */
export function watchdogBinaryPath(): string {
  return join(packageDir(), 'dist', 'fwatchdog');
}
