import { createRunner as pick } from './core/modes.js';
import { ForkRunner } from './fork-runner.js';
import { HttpRunner } from './http-runner.js';
import type { FunctionRunner, RunnerDeps } from './runner.js';
import { StaticRunner } from './static-runner.js';
import { StreamingRunner } from './streaming-runner.js';

/** The Node runner for the configured mode. */
export function createRunner(deps: RunnerDeps): FunctionRunner {
  return pick<FunctionRunner, RunnerDeps>(
    { classic: ForkRunner, streaming: StreamingRunner, http: HttpRunner, static: StaticRunner },
    deps,
  );
}
