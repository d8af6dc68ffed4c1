import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { ChildEnv } from './cgi-env.js';
import type { OutputStream } from './line-logger.js';

/** How a function process ended. */
export interface ProcessExit {
  /** The exit code, or null when a signal ended it or it never started. */
  code: number | null;
  /** The signal that ended it, e.g. `SIGKILL`. */
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started (e.g. `ENOENT`). */
  error?: Error;
}

/** One running function process, its pipes, and a way to end it with everything it started. */
export interface FunctionProcess {
  /** The process id (also its process group id); undefined when it failed to start. */
  readonly pid: number | undefined;
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Settles once the process exited and its stdout and stderr are closed. */
  readonly done: Promise<ProcessExit>;
  /** SIGKILLs the process and every process in its process group. */
  killGroup(): void;
}

/** How a process's output is wired. */
export interface SpawnOptions {
  /** stderr goes to the same stream as stdout (classic `combine_output`); else its own stream. */
  combineStderr: boolean;
  /** Per-request variables (`Http_*`) added to `env`, overriding it. */
  extraEnv?: ChildEnv;
  /**
   * The whole of stdin, when it is small ({@link INLINE_STDIN_MAX}) and already read: it then
   * travels with the spawn request and the returned `stdin` is already ended.
   */
  stdinData?: Buffer;
}

/** The largest stdin handed over with the spawn request: one pipe buffer, so writing never blocks. */
export const INLINE_STDIN_MAX = 64 * 1024;

/** Starts function processes; the role the runners depend on, so a faster mechanism can replace it. */
export interface Spawner {
  spawn(
    command: string,
    args: readonly string[],
    env: ChildEnv,
    options: SpawnOptions,
  ): Promise<FunctionProcess>;
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

/**
 * Node's `child_process.spawn`, each process the leader of a new process group (`detached`), so a
 * timeout can kill the whole tree. When the leader exits, whatever it left behind in its group is
 * killed too: a process that outlives its request would otherwise hold stdout open and leak.
 */
export class NodeSpawner implements Spawner {
  async spawn(
    command: string,
    args: readonly string[],
    base: ChildEnv,
    options?: SpawnOptions,
  ): Promise<FunctionProcess> {
    const env = options?.extraEnv ? { ...base, ...options.extraEnv } : base;
    const child = spawn(command, args, { env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const pid = child.pid;
    const done = new Promise<ProcessExit>((resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
      child.once('exit', () => killProcessGroup(pid));
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    // A process that exits without reading stdin makes writes fail with EPIPE; its exit status
    // is what counts, so the pipe error is not an error of the call.
    child.stdin.on('error', () => undefined);
    if (options?.stdinData) child.stdin.end(options.stdinData);
    return {
      pid,
      stdin: child.stdin,
      stdout: child.stdout,
      stderr: child.stderr,
      done,
      killGroup: () => killProcessGroup(pid),
    };
  }

  close(): void {}
}

/** Writes a stream's lines to the function's log as they arrive. */
export function pipeLines(from: Readable, to: OutputStream): void {
  from.on('data', (c: Buffer) => to.write(c));
  from.once('end', () => to.end());
}
