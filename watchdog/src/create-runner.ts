import { ForkRunner } from './fork-runner.js';
import { HttpRunner } from './http-runner.js';
import type { FunctionRunner, RunnerDeps } from './runner.js';
import { StaticRunner } from './static-runner.js';
import { StreamingRunner } from './streaming-runner.js';

/** The one switch that picks a runner for the configured mode. */
export function createRunner(deps: RunnerDeps): FunctionRunner {
  switch (deps.config.mode) {
    case 'classic':
      return new ForkRunner(deps);
    case 'streaming':
      return new StreamingRunner(deps);
    case 'http':
      return new HttpRunner(deps);
    case 'static':
      return new StaticRunner(deps);
  }
}
