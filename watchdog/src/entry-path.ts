import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package directory, from this module in `src/` (tests) or `dist/src/` (built). */
function packageDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(`${'/'}dist${'/'}src`) ? dirname(dirname(here)) : dirname(here);
}

/**
 * The bundled JS entry for Node (`watchdog/dist/fwatchdog.js`, built by `npm run build -w
 * @faas/watchdog`): `node <this path>` with `fprocess`, `port`, `metrics_port`, `lock_file_path`
 * in the environment starts one watchdog process.
 */
export function watchdogEntryPath(): string {
  return join(packageDir(), 'dist', 'fwatchdog.js');
}

/**
 * The bundled JS entry for Bun (`watchdog/dist/fwatchdog-bun.js`): the same watchdog on Bun's own
 * server and process APIs, which idles in about 30 MB where Node needs 45 (watchdog/README.md,
 * "Runtimes"). `<bunBinary()> <this path>` starts one watchdog process.
 */
export function watchdogBunEntryPath(): string {
  return join(packageDir(), 'dist', 'fwatchdog-bun.js');
}

/** The self-contained executable (`watchdog/dist/fwatchdog`, Bun-compiled), for images without Node. */
export function watchdogBinaryPath(): string {
  return join(packageDir(), 'dist', 'fwatchdog');
}

/**
 * The Bun executable: `BUN_PATH` when set, else the one npm installed with this package (the
 * optional dependency `@oven/bun-linux-<arch>`, a binary shipped inside the registry package),
 * else undefined (another platform, or installed with --omit=optional).
 */
export function bunBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.BUN_PATH) return existsSync(env.BUN_PATH) ? env.BUN_PATH : undefined;
  const arch = process.arch === 'arm64' ? 'aarch64' : process.arch;
  const require = createRequire(join(packageDir(), 'package.json'));
  try {
    const pkg = require.resolve(`@oven/bun-linux-${arch}/package.json`);
    const binary = join(dirname(pkg), 'bin', 'bun');
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}
