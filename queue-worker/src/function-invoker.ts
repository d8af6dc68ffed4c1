import type { OutgoingHttpHeaders } from 'node:http';
import { HEADERS, type QueueRequest } from '@faas/contracts';
import { endToEndMap, hopByHopAnd } from '@faas/service-kit';
import type { HttpAnswer, HttpClient } from './http-client.js';

/** Request headers never replayed: per-connection, or recomputed for the new request. */
const NOT_REPLAYED = hopByHopAnd('host', 'content-length', 'expect');

/** Calls a function for a queued request; rejects with TransportError when there is no answer. */
export interface FunctionInvoker {
  invoke(request: QueueRequest, signal: AbortSignal): Promise<HttpAnswer>;
}

/**
 * Invokes through the gateway: `{method} /function/{name}.{namespace}{path}?{query}`
 * with the original headers and body, and the call's `X-Call-Id`. Going through the gateway keeps
 * its metrics, scale-from-zero and routing in the loop.
 */
export class GatewayInvoker implements FunctionInvoker {
  constructor(
    private readonly http: HttpClient,
    private readonly gatewayUrl: string,
    private readonly timeoutMs: number,
  ) {}

  invoke(request: QueueRequest, signal: AbortSignal): Promise<HttpAnswer> {
    const query = request.query ? `?${request.query}` : '';
    const path = `/function/${request.function}.${request.namespace}${request.path}${query}`;
    const headers: OutgoingHttpHeaders = endToEndMap(request.headers, NOT_REPLAYED);
    headers[HEADERS.callId] = request.callId;
    const body = Buffer.from(request.body, 'base64');
    const bodyless = request.method === 'GET' || request.method === 'HEAD';
    return this.http.send(new URL(this.gatewayUrl), path, {
      method: request.method,
      headers,
      ...(bodyless && body.length === 0 ? {} : { body }),
      timeoutMs: this.timeoutMs,
      signal,
    });
  }
}
