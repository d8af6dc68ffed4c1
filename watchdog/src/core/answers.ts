// What the watchdog answers on its own, as data (status, headers, body): each host renders an
// Answer with its own response API (Node: sendAnswer in ../runner.ts; Bun: toResponse in
// ../bun/runner.ts). No runtime imports: both hosts load this file.
import { HEADERS } from '@faas/contracts';

/** An answer the watchdog writes itself. Hosts add the framing (Content-Length). */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The header that marks an answer the watchdog produced itself, not the function. */
export const INTERNAL_HEADER = HEADERS.internal;

export const TEXT_PLAIN = 'text/plain; charset=utf-8';

/** A short plain-text answer; `internal` marks it as the watchdog's own (X-OpenFaaS-Internal). */
export function textAnswer(status: number, body: string, internal = false): Answer {
  const headers: Record<string, string> = { 'Content-Type': TEXT_PLAIN };
  if (internal) headers[INTERNAL_HEADER] = 'watchdog';
  return { status, headers, body };
}

/** Every fixed answer, worded once for both runtimes (watchdog/README.md, "Status codes"). */
export const answers = {
  /** The body is larger than `max_body_size` (declared or counted). */
  tooLarge: (limit: number): Answer =>
    textAnswer(413, `Request body too large: the limit is ${limit} bytes (max_body_size).\n`, true),
  /** The client went away before its body arrived. */
  clientClosed: (): Answer => textAnswer(499, 'Client closed the request.\n'),
  methodNotAllowed: (): Answer => textAnswer(405, 'Method not allowed.\n', true),
  tooMany: (limit: number): Answer =>
    textAnswer(429, `Concurrent request limit exceeded. Max concurrent requests: ${limit}\n`, true),
  notFound: (internal = false): Answer => textAnswer(404, 'Not found.\n', internal),
  badPath: (): Answer => textAnswer(400, 'Bad path.\n', true),
  /** `/_/health`, `/_/ready`. */
  health: (ok: boolean): Answer => textAnswer(ok ? 200 : 503, ok ? 'OK\n' : 'Not ready.\n', true),
  internalError: (): Answer => textAnswer(500, 'Internal watchdog error.\n', true),
  /** http mode: the function's server does not take the call. */
  unreachable: (message: string): Answer =>
    textAnswer(502, `Can't reach the function process: ${message}\n`, true),
  /** An upgrade (WebSocket) outside http mode. */
  upgradeNeedsHttp: (mode: string): Answer =>
    textAnswer(501, `Upgrades need mode=http (this watchdog runs ${mode}).\n`, true),
  /** Bun: the function refused the WebSocket handshake (the Node runtime relays its answer). */
  handshakeRefused: (): Answer =>
    textAnswer(502, "The function refused the WebSocket handshake or can't be reached.\n", true),
  badHandshake: (): Answer => textAnswer(400, 'Not a valid WebSocket handshake.\n', true),
  /** A forking mode's failed process: the reason, then what it wrote (classic: its output; streaming: stderr). */
  failed: (reason: string, output = ''): Answer => textAnswer(500, `${reason}\n${output}`),
} as const;

/** The Content-Type of `GET /metrics`. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
