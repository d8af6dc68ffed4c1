import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { ChildEnv } from './cgi-env.js';
import type { OutputStream } from './line-logger.js';
import { killProcessGroup } from './core/spawner.js';
import type { ProcessExit, SpawnedProcess, SpawnOptions, Spawner as CoreSpawner } from './core/spawner.js';

export { killProcessGroup };
export type { ProcessExit, SpawnOptions } from './core/spawner.js';

/** One running function process on Node: its pipes as Node streams. */
export interface FunctionProcess extends SpawnedProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
}

/** How the Node runtime starts processes: Node's child_process or the fork server. */
export type Spawner = CoreSpawner<FunctionProcess>;

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
