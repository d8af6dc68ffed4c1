// @faas/watchdog: turns any process into an HTTP function. The local provider starts it with
// `node ${watchdogEntryPath()}`; function images run the `fwatchdog` executable.
export { loadConfig, watchdogSettings, splitCommand } from './config.js';
export type { WatchdogConfig, WatchdogMode } from './config.js';
export { createWatchdog } from './create-watchdog.js';
export type { Watchdog, WatchdogDeps } from './create-watchdog.js';
export type { FunctionRunner, RunnerDeps } from './runner.js';
export type { FunctionProcess, Spawner, ProcessExit } from './function-process.js';
export { NodeSpawner } from './function-process.js';
export { WatchdogMetrics } from './metrics.js';
export { LineLogger } from './line-logger.js';
export { bunBinary, watchdogBinaryPath, watchdogBunEntryPath, watchdogEntryPath } from './entry-path.js';
