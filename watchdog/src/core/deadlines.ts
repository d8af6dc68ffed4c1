import type { Logger } from '@faas/service-kit';
import type { WatchdogConfig } from '../config.js';
import { textAnswer } from './answers.js';
import type { Answer } from './answers.js';

/**
 * A deadline that stopped a call: its own `exec_timeout`, or the watchdog's `write_timeout` (the
 * longest any answer may take).
 */
export type Deadline = 'exec_timeout' | 'write_timeout';

/** The reason a call's AbortSignal carries when `write_timeout` stopped it (a client leaving has none). */
export const WRITE_TIMEOUT: Deadline = 'write_timeout';

/** `write_timeout` when that is why `signal` was aborted. */
export function deadlineOf(signal: AbortSignal): Deadline | undefined {
  return signal.aborted && signal.reason === WRITE_TIMEOUT ? WRITE_TIMEOUT : undefined;
}

/**
 * Kills a process group once `exec_timeout` (`ms`, 0 = never) has passed, for both runtimes'
 * forking modes; `fired()` tells which deadline stopped the call, that one or the `write_timeout`
 * that aborted `signal`.
 */
export function watchTimeout(
  target: { killGroup(): void },
  ms: number,
  signal: AbortSignal,
): { clear(): void; fired(): Deadline | undefined } {
  let fired = false;
  const timer =
    ms > 0
      ? setTimeout(() => {
          fired = true;
          target.killGroup();
        }, ms)
      : undefined;
  return { clear: () => clearTimeout(timer), fired: () => (fired ? 'exec_timeout' : deadlineOf(signal)) };
}

/**
 * What a call stopped by a deadline answers, in every mode of both runtimes. The classic
 * watchdog's `exec_timeout` answer stays as it was, 408 `Killed process.`; otherwise 504 naming
 * the setting that ran out, so the caller can tell a slow function (raise `exec_timeout` or
 * `write_timeout`) from a crashed one (500).
 */
export function deadlineAnswer(
  deadline: Deadline,
  config: WatchdogConfig,
  logger: Logger,
): Answer {
  const ms = deadline === 'exec_timeout' ? config.execTimeout : config.writeTimeout;
  // write_timeout is logged where it fires (create-watchdog.ts, bun/watchdog.ts): once per call.
  if (deadline === 'exec_timeout') logger.info(`Killed process: exec_timeout of ${ms}ms exceeded.`);
  if (deadline === 'exec_timeout' && config.mode !== 'http')
    return textAnswer(408, 'Killed process.\n');
  return textAnswer(504, `Function timed out after ${ms}ms (${deadline}).\n`);
}
