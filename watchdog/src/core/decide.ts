// Each mode's decisions, once for both runtimes: which calls are refused before any work, how a
// forked call's status follows from how it ended, what Content-Type an answer carries, whether a
// body is read before the process starts. The hosts (Node: ../*.ts, Bun: ../bun/) only move bytes.
import type { Logger } from '@faas/service-kit';
import type { WatchdogConfig } from '../config.js';
import { answers } from './answers.js';
import type { Answer } from './answers.js';
import { deadlineAnswer } from './deadlines.js';
import type { Deadline } from './deadlines.js';
import { messages } from './messages.js';

/** The largest stdin handed over with the spawn request: one pipe buffer, so writing never blocks. */
export const INLINE_STDIN_MAX = 64 * 1024;

/** How much of stderr a streaming failure before the first byte of output may quote in its 500. */
export const STDERR_QUOTE_BYTES = 64 * 1024;

/** http mode: request and response bodies up to this size are read whole rather than streamed. */
export const SMALL_BODY_BYTES = 64 * 1024;

/** How long an idle keep-alive connection stays open (Node's default is 5 s; callers pool for 60 s). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Methods a forking mode runs the function for; others get 405 (http mode proxies every method). */
const FORK_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** How feeding a request body to the function ended. */
export type BodyOutcome = 'complete' | 'too-large' | 'aborted';

/** The request's framing headers, as either runtime reads them (absent: undefined or null). */
export interface Framing {
  readonly contentLength: string | null | undefined;
  readonly transferEncoding: string | null | undefined;
}

/** True when the declared Content-Length already exceeds `limit` (answer 413 before any work). */
export function declaresTooLarge(contentLength: string | null | undefined, limit: number): boolean {
  const declared = Number(contentLength ?? 0);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * The answer to a call refused before any work — 405 (a forking mode, another method), 429
 * (`max_inflight` reached), 413 (declared body over `max_body_size`) — or undefined to go on.
 */
export function refusal(
  config: WatchdogConfig,
  call: { method: string; inFlight: number; contentLength: string | null | undefined },
): Answer | undefined {
  const forking = config.mode === 'classic' || config.mode === 'streaming';
  if (forking && !FORK_METHODS.has(call.method)) return answers.methodNotAllowed();
  if (config.maxInflight > 0 && call.inFlight >= config.maxInflight) return answers.tooMany(config.maxInflight);
  if (declaresTooLarge(call.contentLength, config.maxBodySize)) return answers.tooLarge(config.maxBodySize);
  return undefined;
}

/** `/_/health` (ready to serve) and `/_/ready` (and below `max_inflight`); other `/_/` paths 404. */
export function healthAnswer(
  config: WatchdogConfig,
  path: string,
  healthy: boolean,
  inFlight: number,
): Answer {
  if (path === '/_/health') return answers.health(healthy);
  if (path === '/_/ready')
    return answers.health(healthy && (config.maxInflight === 0 || inFlight < config.maxInflight));
  return answers.notFound(true);
}

/** An upgrade the watchdog refuses before reaching the function: 501 outside http mode, 503 unready. */
export function upgradeRefusal(config: WatchdogConfig, ready: boolean): Answer | undefined {
  if (config.mode !== 'http') return answers.upgradeNeedsHttp(config.mode);
  return ready ? undefined : answers.health(false);
}

/**
 * classic: whether the body is read whole before the process starts — always for
 * `marshal_request` (stdin is built from it), else when its declared length fits one pipe buffer,
 * so it travels with the spawn request.
 */
export function readsBodyFirst(marshal: boolean, framing: Framing): boolean {
  if (marshal) return true;
  if (framing.transferEncoding != null) return false;
  const length = Number(framing.contentLength ?? 0);
  return length >= 0 && length <= INLINE_STDIN_MAX;
}

/** The response Content-Type: `content_type` when set, else the request's own. */
export function responseContentType(
  config: WatchdogConfig,
  requestType: string | null | undefined,
): string | undefined {
  return config.contentType !== '' ? config.contentType : (requestType ?? undefined);
}

/** How a forked call ended, as its host observed it. */
export interface ForkedCall {
  /** How feeding the body went. */
  readonly body: BodyOutcome;
  /** The deadline that stopped it, if one did. */
  readonly deadline: Deadline | undefined;
  /** Why the process failed (../core/exit-reason.ts `failureOf`), undefined when it exited 0. */
  readonly failure: string | undefined;
}

/**
 * The status of a forked call (classic; streaming before its first byte), in this order: 413 (the
 * body grew past `max_body_size`), 499 (the client left mid-body), 408/504 (a deadline), 500 (the
 * process failed: `failed` carries the reason, the host adds the output), else 200 (`ok`).
 */
export function forkedVerdict(
  call: ForkedCall,
  config: WatchdogConfig,
  logger: Logger,
): { answer: Answer } | { failed: string } | { ok: true } {
  if (call.body === 'too-large') return { answer: answers.tooLarge(config.maxBodySize) };
  if (call.body === 'aborted') return { answer: answers.clientClosed() };
  if (call.deadline) return { answer: deadlineAnswer(call.deadline, config, logger) };
  if (call.failure !== undefined) {
    logger.error(messages.failed(call.failure));
    return { failed: call.failure };
  }
  return { ok: true };
}

/** streaming: the start of stderr, kept to quote in a 500 sent before any output (STDERR_QUOTE_BYTES). */
export class StderrQuote {
  private readonly chunks: Uint8Array[] = [];
  private bytes = 0;

  add(chunk: Uint8Array): void {
    if (this.bytes < STDERR_QUOTE_BYTES) this.chunks.push(chunk);
    this.bytes += chunk.length;
  }

  text(): string {
    const decoder = new TextDecoder();
    return this.chunks.map((c, i) => decoder.decode(c, { stream: i < this.chunks.length - 1 })).join('');
  }
}
