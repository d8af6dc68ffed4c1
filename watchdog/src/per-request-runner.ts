import type { IncomingMessage, ServerResponse } from 'node:http';
import { splitCommand } from './config.js';
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

  abstract run(req: IncomingMessage, res: ServerResponse): Promise<number>;
}
