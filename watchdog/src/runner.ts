import type { IncomingMessage, ServerResponse } from 'node:http';
import { HEADERS } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';
import type { ChildEnv } from './cgi-env.js';
import type { WatchdogConfig } from './config.js';
import type { FunctionOutput } from './line-logger.js';
import type { Spawner } from './function-process.js';

/**
 * Runs the function for one request: the one interface every mode implements (after
 * of-watchdog's FunctionRunner). The server around it owns health, limits and metrics.
 */
export interface FunctionRunner {
  /** Starts what must run before the first call (http mode: the function process). */
  start(): Promise<void>;
  /**
   * Answers one call; resolves with the status sent once the response is complete or aborted.
   * `signal` aborts (reason `write_timeout`, deadlines.ts) when the call has run out of time: stop
   * the work and answer as `deadlineAnswer` says.
   */
  run(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<number>;
  /** Whether calls can be served now (http mode: the process is up and its port answers). */
  ready(): boolean;
  /** Stops what start() started. */
  stop(): Promise<void>;
}

/** What every runner is built from. */
export interface RunnerDeps {
  config: WatchdogConfig;
  /** The watchdog's own lines. */
  logger: Logger;
  /** The function's own output lines (stderr, http mode's stdout, `write_debug`). */
  output: FunctionOutput;
  /** Starts function processes (forking modes). */
  spawner: Spawner;
  /** The environment every function process inherits (the watchdog's own, in production). */
  env: ChildEnv;
  /** Called when the runner cannot go on (http mode: the function process died). */
  onFatal: (err: Error) => void;
}

/** The header that marks an answer the watchdog produced itself, not the function. */
export const INTERNAL_HEADER = HEADERS.internal;

/** Sends a short plain-text answer unless headers were already sent; returns the status. */
export function sendText(res: ServerResponse, status: number, text: string, internal = false): number {
  if (res.headersSent) {
    res.destroy();
    return status;
  }
  const headers: Record<string, string | number> = {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  };
  if (internal) headers[INTERNAL_HEADER] = 'watchdog';
  res.writeHead(status, headers);
  res.end(text);
  return status;
}

/** Seconds since `start` (from `process.hrtime.bigint()`), formatted like Go's `%f`. */
export function secondsSince(start: bigint): string {
  return (Number(process.hrtime.bigint() - start) / 1e9).toFixed(6);
}

/** The response Content-Type: `content_type` when set, else the request's own. */
export function responseContentType(config: WatchdogConfig, req: IncomingMessage): string | undefined {
  return config.contentType !== '' ? config.contentType : req.headers['content-type'];
}

/** The body-too-large answer; the connection is closed because the rest of the body is unread. */
export function sendTooLarge(res: ServerResponse, limit: number): number {
  res.shouldKeepAlive = false;
  return sendText(res, 413, `Request body too large: the limit is ${limit} bytes (max_body_size).\n`, true);
}
