import type { OutgoingHttpHeaders } from 'node:http';
import { HEADERS, type QueueRequest } from '@faas/contracts';
import { endToEndMap, hopByHopAnd } from '@faas/service-kit';
import { CALLBACK_REFUSED, type CallbackPolicy } from '@faas/queue';
import { TransportError, type HttpAnswer, type HttpClient } from './http-client.js';
import { backoffMs, type RetryPolicy } from './retry-policy.js';

/** Response headers of the function that are not copied onto the callback. */
const NOT_COPIED = hopByHopAnd('content-length', 'date', 'server');

/** What the function produced, as the callback reports it. */
export interface CallResult {
  /** The function's status (or the worker's stand-in when it never answered). */
  status: number;
  /** The function's response headers. */
  headers: Record<string, string[]>;
  /** The function's response body. */
  body: Buffer;
  /** Seconds from the start of the attempt to the answer. */
  seconds: number;
}

/** Outcome of delivering a callback. */
export interface CallbackOutcome {
  /** Whether the receiver took it (any status below 500 other than 429). */
  delivered: boolean;
  /** Attempts made. */
  attempts: number;
  /** The last failure, when not delivered. */
  error?: string;
}

/**
 * POSTs a function's result to `X-Callback-Url` with the function's headers plus
 * `X-Function-Status`, `X-Function-Name`, `X-Call-Id` and `X-Duration-Seconds` (contracts/openapi.yaml).
 * Transport errors, 429 and 5xx are retried with back-off; `wait` lets the caller keep its
 * message alive (ack deadline) while it sleeps.
 */
export class CallbackSender {
  constructor(
    private readonly http: HttpClient,
    private readonly policy: RetryPolicy,
    private readonly timeoutMs: number,
    /** Where callbacks may go; checked here again, for every address a name resolves to. */
    private readonly destinations: CallbackPolicy,
    private readonly wait: (ms: number, signal: AbortSignal) => Promise<void> = sleep,
  ) {}

  async send(request: QueueRequest, result: CallResult, signal: AbortSignal): Promise<CallbackOutcome> {
    const url = new URL(request.callbackUrl as string);
    // Queued before the policy changed, or by another gateway: judged now, never retried.
    const refused = this.destinations.refuseHost(url.hostname);
    if (refused) return { delivered: false, attempts: 0, error: refused };
    const headers: OutgoingHttpHeaders = endToEndMap(result.headers, NOT_COPIED);
    headers[HEADERS.functionStatus] = String(result.status);
    headers[HEADERS.functionName] = request.function;
    headers[HEADERS.callId] = request.callId;
    headers[HEADERS.durationSeconds] = result.seconds.toFixed(6);
    let error = '';
    for (let attempt = 1; attempt <= this.policy.attempts; attempt++) {
      if (attempt > 1) await this.wait(backoffMs(this.policy, attempt - 1), signal);
      if (signal.aborted) break;
      let answer: HttpAnswer;
      try {
        answer = await this.http.send(url, url.pathname + url.search, {
          method: 'POST',
          headers,
          body: result.body,
          timeoutMs: this.timeoutMs,
          signal,
          lookup: this.destinations.lookup,
        });
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        if (err.code === CALLBACK_REFUSED) return { delivered: false, attempts: attempt, error: err.message };
        error = err.message;
        continue;
      }
      if (answer.status < 500 && answer.status !== 429) return { delivered: true, attempts: attempt };
      error = `the receiver answered ${answer.status}`;
    }
    return { delivered: false, attempts: this.policy.attempts, error };
  }
}

/** Sleeps, waking early when aborted. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
