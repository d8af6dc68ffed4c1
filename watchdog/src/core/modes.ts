// The shape every mode has on every runtime (after of-watchdog's FunctionRunner): one runner per
// mode, chosen by one table. A host instantiates it with its own call and result types.
import type { Logger } from '@faas/service-kit';
import type { ChildEnv } from '../cgi-env.js';
import { splitCommand } from '../config.js';
import type { WatchdogConfig, WatchdogMode } from '../config.js';
import type { FunctionOutput } from '../line-logger.js';

/** Runs the function for one call; the server around it owns health, limits and metrics. */
export interface ModeRunner<Call extends unknown[], Result> {
  /** Starts what must run before the first call (http mode: the function process). */
  start(): Promise<void>;
  /**
   * Answers one call. The call's AbortSignal aborts (reason `write_timeout`, ./deadlines.ts) when
   * it has run out of time or the client left: stop the work and answer as `deadlineAnswer` says.
   */
  run(...call: Call): Promise<Result>;
  /** Whether calls can be served now (http mode: the process is up and its port answers). */
  ready(): boolean;
  /** Stops what start() started. */
  stop(): Promise<void>;
}

/** What every runner is built from, on either runtime (`S`: how that runtime starts processes). */
export interface ModeDeps<S> {
  config: WatchdogConfig;
  /** The watchdog's own lines. */
  logger: Logger;
  /** The function's own output lines (stderr, http mode's stdout, `write_debug`). */
  output: FunctionOutput;
  /** Starts function processes. */
  spawner: S;
  /** The environment every function process inherits (the watchdog's own, in production). */
  env: ChildEnv;
  /** Called when the runner cannot go on (http mode: the function process died). */
  onFatal: (err: Error) => void;
}

/** The one switch from `mode` to a runner: each host passes its four constructors. */
export function createRunner<R, D extends { config: WatchdogConfig }>(
  modes: Record<WatchdogMode, new (deps: D) => R>,
  deps: D,
): R {
  return new modes[deps.config.mode](deps);
}

/**
 * What the forking modes (classic, streaming) share on both runtimes: `fprocess` split once, and
 * nothing to start, stop or wait for, since every call gets a fresh process.
 */
export abstract class PerCallMode<D extends { config: WatchdogConfig }> {
  protected readonly command: string;
  protected readonly args: string[];

  constructor(protected readonly deps: D) {
    ({ command: this.command, args: this.args } = splitCommand(deps.config.fprocess));
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  ready(): boolean {
    return true;
  }
}
