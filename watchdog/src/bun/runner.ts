import { HEADERS } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';
import type { ChildEnv } from '../cgi-env.js';
import type { WatchdogConfig } from '../config.js';
import type { FunctionOutput } from '../line-logger.js';

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

/** The Bun counterpart of FunctionRunner (../runner.ts): the same modes on fetch Requests. */
export interface BunRunner {
  start(): Promise<void>;
  run(call: BunCall): Promise<BunAnswer>;
  ready(): boolean;
  stop(): Promise<void>;
}

/** What every Bun runner is built from. */
export interface BunRunnerDeps {
  config: WatchdogConfig;
  /** The watchdog's own lines. */
  logger: Logger;
  /** The function's own output lines (stderr, http mode's stdout, `write_debug`). */
  output: FunctionOutput;
  /** The environment every function process inherits. */
  env: ChildEnv;
  onFatal: (err: Error) => void;
}

/** A short plain-text answer; `internal` marks it as the watchdog's own (X-OpenFaaS-Internal). */
export function textAnswer(status: number, text: string, internal = false): BunAnswer {
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
  if (internal) headers[HEADERS.internal] = 'watchdog';
  return { status, response: new Response(text, { status, headers }) };
}

/** The body-too-large answer, worded as the Node runtime words it. */
export function tooLargeAnswer(limit: number): BunAnswer {
  return textAnswer(413, `Request body too large: the limit is ${limit} bytes (max_body_size).\n`, true);
}

/** The response Content-Type: `content_type` when set, else the request's own. */
export function responseContentType(config: WatchdogConfig, req: Request): string | undefined {
  return config.contentType !== '' ? config.contentType : (req.headers.get('content-type') ?? undefined);
}
