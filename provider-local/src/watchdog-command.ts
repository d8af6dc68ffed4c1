import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { watchdogEntryPath } from '@faas/watchdog';

/**
 * How to start one watchdog: `node <entry>`. The entry is `watchdog_path` when configured, else
 * the bundled `watchdog/dist/fwatchdog.js` (`npm run build -w @faas/watchdog`), else the watchdog
 * compiled by `tsc --build` (`watchdog/dist/src/main.js`).
 */
export function watchdogCommand(configured: string): { command: string; args: string[] } {
  const bundled = watchdogEntryPath();
  const candidates = configured ? [resolve(configured)] : [bundled, join(dirname(bundled), 'src', 'main.js')];
  const entry = candidates.find((path) => existsSync(path));
  if (!entry) {
    throw new Error(
      `watchdog_path: no watchdog found at ${candidates.join(' or ')}; build it with "npm run build" (or "npm run build -w @faas/watchdog")`,
    );
  }
  return { command: process.execPath, args: [entry] };
}
