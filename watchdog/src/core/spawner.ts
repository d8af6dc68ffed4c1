// The one way the watchdog starts function processes, whatever starts them: Node's child_process
// (../function-process.ts), the fork server (../fork-server-spawner.ts), Bun.spawn
// (../bun/bun-spawner.ts). Each spawner hands out its runtime's own streams (`P`).
import type { ChildEnv } from '../cgi-env.js';

/** How a function process ended. */
export interface ProcessExit {
  /** The exit code, or null when a signal ended it or it never started. */
  code: number | null;
  /** The signal that ended it, e.g. `SIGKILL`. */
  signal: string | null;
  /** Set when the process could not be started (e.g. `ENOENT`). */
  error?: Error;
}

/** What every spawner's process offers beside its pipes. */
export interface SpawnedProcess {
  /** The process id (also its process group id); undefined when it failed to start. */
  readonly pid: number | undefined;
  /** Settles once the process exited (Node spawners: and its stdout and stderr are closed). */
  readonly done: Promise<ProcessExit>;
  /** SIGKILLs the process and every process in its process group. */
  killGroup(): void;
}

/** How a process's input and output are wired. */
export interface SpawnOptions {
  /** stderr goes to the same stream as stdout (classic `combine_output`) where the spawner can. */
  combineStderr: boolean;
  /** Per-request variables (`Http_*`) added to `env`, overriding it. */
  extraEnv?: ChildEnv;
  /**
   * The whole of stdin, when it is small (INLINE_STDIN_MAX, ./decide.ts) and already read: it then
   * travels with the spawn request and the process's stdin is already ended.
   */
  stdinData?: Uint8Array;
}

/**
 * Starts function processes, each the leader of a new process group (so a timeout can kill the
 * whole tree). A program that cannot start still resolves: its `done` carries the error.
 */
export interface Spawner<P extends SpawnedProcess> {
  spawn(command: string, args: readonly string[], env: ChildEnv, options: SpawnOptions): Promise<P>;
  /** Ends whatever the spawner runs itself. */
  close(): void;
}

/** Sends SIGKILL to a whole process group, ignoring one that is already gone. */
export function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already empty.
  }
}
