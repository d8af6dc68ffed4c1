import type { Answer } from '../core/answers.js';
import type { ModeDeps, ModeRunner } from '../core/modes.js';
import type { BunSpawner } from './bun-spawner.js';

/** One call as a Bun runner gets it. */
export interface BunCall {
  readonly req: Request;
  /** Aborted when the client goes away or `write_timeout` passes: stop the work. */
  readonly signal: AbortSignal;
  /** `process.hrtime.bigint()` when the call arrived. */
  readonly started: bigint;
}

/** A runner's answer: the response, its status, and (streamed bodies) when the body is done. */
export interface BunAnswer {
  readonly response: Response;
  readonly status: number;
  /** Resolves once a streamed body has been sent or cut off; absent when the body is in memory. */
  readonly done?: Promise<void>;
}

/** A mode on Bun: answers one fetch Request (core/modes.ts). */
export type BunRunner = ModeRunner<[call: BunCall], BunAnswer>;

/** What every Bun runner is built from. */
export type BunRunnerDeps = ModeDeps<BunSpawner>;

/** One of the watchdog's own answers (core/answers.ts) as a fetch Response. */
export function toResponse(answer: Answer): BunAnswer {
  return {
    status: answer.status,
    response: new Response(answer.body, { status: answer.status, headers: answer.headers }),
  };
}
