import type { IncomingMessage, ServerResponse } from 'node:http';
import { splitCommand } from './config.js';
import type { FunctionProcess } from './function-process.js';
import type { FunctionRunner, RunnerDeps } from './runner.js';

/**
 * What the forking modes (classic, streaming) share: `fprocess` split once, and nothing to start,
 * stop or wait for, since every request gets a fresh process.
 */
export abstract class PerRequestRunner implements FunctionRunner {
  protected readonly command: string;
  protected readonly args: string[];

  constructor(protected readonly deps: RunnerDeps) {
    ({ command: this.command, args: this.args } = splitCommand(deps.config.fprocess));
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  ready(): boolean {
    return true;
  }

  abstract run(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<number>;

  /**
   * Kills the call's process group when the client goes away or `signal` aborts (write_timeout)
   * before the answer is complete; returns the function that stops watching.
   */
  protected killOnStop(proc: FunctionProcess, res: ServerResponse, signal: AbortSignal): () => void {
    const stop = (): void => {
      if (!res.writableFinished) proc.killGroup();
    };
    // The client may have gone, or the time run out, while the process was starting.
    if (res.closed || res.destroyed || signal.aborted) stop();
    res.once('close', stop);
    signal.addEventListener('abort', stop, { once: true });
    return () => {
      res.off('close', stop);
      signal.removeEventListener('abort', stop);
    };
  }
}
