import type { IncomingMessage, ServerResponse } from 'node:http';
import { PerCallMode } from './core/modes.js';
import type { FunctionProcess } from './function-process.js';
import type { FunctionRunner, RunnerDeps } from './runner.js';

/** The forking modes on Node (classic, streaming): a fresh process per call (core/modes.ts). */
export abstract class PerRequestRunner extends PerCallMode<RunnerDeps> implements FunctionRunner {
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
