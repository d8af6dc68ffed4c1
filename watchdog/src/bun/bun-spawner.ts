import type { FileSink } from 'bun';
import type { ChildEnv } from '../cgi-env.js';
import { killProcessGroup } from '../core/spawner.js';
import type { ProcessExit, SpawnedProcess, SpawnOptions, Spawner } from '../core/spawner.js';

/** One running function process on Bun: its pipes as Web streams. */
export interface BunProcess extends SpawnedProcess {
  /** The stdin to stream the body into; undefined when `stdinData` was handed over (or no start). */
  readonly stdin: FileSink | undefined;
  readonly stdout: ReadableStream<Uint8Array>;
  readonly stderr: ReadableStream<Uint8Array>;
}

/**
 * Bun.spawn in a new session (its pid is its process group id), with `env` plus the call's own
 * variables, stdout and stderr piped (`combineStderr` is the caller's: it reads both into one
 * buffer). A program that cannot start resolves with `done` carrying the error, as on Node.
 */
export class BunSpawner implements Spawner<BunProcess> {
  async spawn(
    command: string,
    args: readonly string[],
    env: ChildEnv,
    options: SpawnOptions,
  ): Promise<BunProcess> {
    const data = options.stdinData;
    let proc;
    try {
      proc = Bun.spawn([command, ...args], {
        env: options.extraEnv === undefined ? env : { ...env, ...options.extraEnv },
        stdin: data === undefined ? 'pipe' : data.length === 0 ? 'ignore' : data,
        stdout: 'pipe',
        stderr: 'pipe',
        detached: true,
      });
    } catch (err) {
      return notStarted(err as Error);
    }
    const started = proc;
    return {
      pid: started.pid,
      stdin: data === undefined ? (started.stdin as FileSink) : undefined,
      stdout: started.stdout,
      stderr: started.stderr,
      done: started.exited.then((code): ProcessExit => {
        const signal = started.signalCode === null ? null : String(started.signalCode);
        return signal === null ? { code, signal } : { code: null, signal };
      }),
      killGroup: () => killProcessGroup(started.pid),
    };
  }

  close(): void {}
}

function notStarted(error: Error): BunProcess {
  const empty = (): ReadableStream<Uint8Array> => new ReadableStream({ start: (c) => c.close() });
  return {
    pid: undefined,
    stdin: undefined,
    stdout: empty(),
    stderr: empty(),
    done: Promise.resolve({ code: null, signal: null, error }),
    killGroup: () => undefined,
  };
}
