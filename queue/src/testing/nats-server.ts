import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { freePort } from '@faas/service-kit/testing';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A nats-server with JetStream that a test started. */
export interface NatsServer {
  /** `nats://127.0.0.1:<port>`. */
  readonly url: string;
  /** The JetStream store directory; it survives {@link NatsServer.restart}. */
  readonly storeDir: string;
  /** Stops the server (SIGTERM, or SIGKILL to simulate a crash). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and store. */
  start(): Promise<void>;
  /** Stops it and deletes the store, unless it was given. */
  dispose(): Promise<void>;
}

/** Starts `nats-server -js` on a free port with a temporary store (or `storeDir`). */
export async function startNatsServer(
  options: { storeDir?: string; port?: number } = {},
): Promise<NatsServer> {
  const port = options.port ?? (await freePort());
  const storeDir = options.storeDir ?? (await mkdtemp(join(tmpdir(), 'faas-nats-')));
  let child: ChildProcess | undefined;

  const start = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const proc = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child = proc;
      let output = '';
      const timer = setTimeout(() => fail(new Error(`nats-server did not start:\n${output}`)), 15_000);
      const fail = (err: Error): void => {
        clearTimeout(timer);
        proc.kill('SIGKILL');
        reject(err);
      };
      proc.once('error', fail);
      proc.once('exit', (code) => fail(new Error(`nats-server exited with ${code}:\n${output}`)));
      proc.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Server is ready')) {
          clearTimeout(timer);
          proc.removeAllListeners('exit');
          proc.stderr?.removeAllListeners('data');
          proc.stderr?.resume();
          resolve();
        }
      });
    });

  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill(signal);
    await exited;
  };

  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    storeDir,
    stop,
    start,
    async dispose() {
      await stop();
      if (!options.storeDir) await rm(storeDir, { recursive: true, force: true });
    },
  };
}
