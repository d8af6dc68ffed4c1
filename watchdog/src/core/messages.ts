// The watchdog's own log lines, worded once for both runtimes (watchdog/README.md, "Logs"):
// functions' operators and the tests read them.
import type { ProcessExit } from './spawner.js';

export const messages = {
  forking: 'Forking fprocess.',
  wrote: (bytes: number, seconds: string): string => `Wrote ${bytes} Bytes - Duration: ${seconds}s`,
  failed: (reason: string): string => `Function failed: ${reason}`,
  callFailed: (message: string): string => `Call failed: ${message}`,
  writeTimeout: (ms: number): string => `write_timeout of ${ms}ms exceeded, stopping the call.`,
  unready: (ms: number): string =>
    `SIGTERM: unready, serving for healthcheck_interval (${ms}ms) before closing.`,
  draining: (calls: number, ms: number): string =>
    `Closing the listener, draining ${calls} call(s) for up to ${ms}ms.`,
  stopped: 'Stopped.',
  upstreamUp: (origin: string): string => `Upstream ${origin} is accepting connections.`,
  /** http mode: the function process ended, so the watchdog exits (watchdog/README.md, "Modes"). */
  upstreamExited: (exit: ProcessExit): string =>
    `the function process exited (${exit.error?.message ?? `exit code ${exit.code ?? exit.signal}`}); the watchdog exits too`,
} as const;

/** Seconds since `start` (from `process.hrtime.bigint()`), formatted like Go's `%f`. */
export function secondsSince(start: bigint): string {
  return (Number(process.hrtime.bigint() - start) / 1e9).toFixed(6);
}
