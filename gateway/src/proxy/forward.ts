// The lean reverse proxy on node:http: one upstream request per call, bodies streamed both ways
// with back-pressure, redirects passed through (never followed). Chosen over http-proxy by
// measurement (bench/README.md, "Gateway").
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Agent, ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { FaasError } from '@faas/contracts';
import { flushHeadersSoon, relayBody } from '@faas/service-kit';
import { downstreamResponseHeaders } from './headers.js';
import type { CallStamp } from './headers.js';

/** Where a request goes: an origin and the path (with query) to ask it for. */
export interface UpstreamTarget {
  /** `http:` or `https:`. */
  protocol: string;
  /** Host name or address. */
  hostname: string;
  /** TCP port. */
  port: number;
  /** Path and query, e.g. `/a/b?x=1`. */
  path: string;
}

/** One proxied exchange (the same call may be tried against a second target). */
export interface ForwardCall {
  req: IncomingMessage;
  res: ServerResponse;
  /** Request headers as built by `upstreamRequestHeaders` (a flat array). */
  headers: string[];
  stamp: CallStamp;
  /** Time allowed until the upstream's status line; 0: none. */
  upstreamTimeoutMs: number;
  /** Time allowed for the whole exchange; 0: none. */
  writeTimeoutMs: number;
  /** Largest body accepted; 0: no limit. */
  maxBodyBytes: number;
  /** A body the gateway already read; otherwise `req` is streamed. */
  body?: Buffer;
}

/** How an exchange ended: the status the client got (499 when the client left before any). */
export interface ForwardOutcome {
  /** HTTP status sent to the client. */
  status: number;
}

/** The upstream could not be connected to; nothing was sent and the body is still unread. */
export class UpstreamConnectError extends FaasError {
  constructor(
    /** The socket error (ECONNREFUSED, EHOSTUNREACH …). */
    readonly reason: Error,
  ) {
    super('UPSTREAM_UNREACHABLE');
  }
}

/** Status recorded when the client disconnects before a response started (nginx's convention). */
export const CLIENT_CLOSED = 499;

/**
 * Proxies one request. Resolves with the status the client got; rejects with a FaasError when
 * nothing was written yet (the caller answers it), with UpstreamConnectError when the caller may
 * still try another upstream.
 */
export function forward(call: ForwardCall, target: UpstreamTarget, agent: Agent): Promise<ForwardOutcome> {
  const { req, res } = call;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (call.maxBodyBytes > 0 && !call.body && declared > call.maxBodyBytes) {
    return Promise.reject(tooLarge(call.maxBodyBytes));
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    let connected = false;
    let timer: NodeJS.Timeout | undefined;
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const options = {
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      path: target.path,
      method: req.method,
      headers: call.headers,
      agent,
    };
    // A pooled keep-alive socket is already connected: stream at once. A new connection may be
    // refused, so then the body waits for 'connect' and stays unread for another upstream.
    const pooled = (agent.freeSockets[agent.getName(options)]?.length ?? 0) > 0;
    const upstream: ClientRequest = send(options);
    const finish = (outcome: ForwardOutcome | Error): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const fail = (error: FaasError): void => {
      if (settled) return;
      upstream.destroy();
      if (res.headersSent) {
        res.destroy();
        finish({ status: res.statusCode });
      } else finish(error);
    };
    if (call.upstreamTimeoutMs > 0) {
      timer = setTimeout(
        () => fail(new FaasError('UPSTREAM_TIMEOUT', 'Upstream timed out.')),
        call.upstreamTimeoutMs,
      );
    }

    const start = (): void => {
      connected = true;
      if (call.body) upstream.end(call.body);
      // A declared length was checked above and Node's parser holds the body to it: no counting.
      else if (call.maxBodyBytes === 0 || req.headers['content-length'] !== undefined)
        relayBody(req, upstream);
      else pumpBody(req, upstream, call.maxBodyBytes, () => fail(tooLarge(call.maxBodyBytes)));
    };
    if (pooled) start();
    else
      upstream.on('socket', (socket) => {
        if (socket.connecting) socket.once('connect', start);
        else start();
      });
    upstream.on('error', (error) => {
      if (!connected) fail(new UpstreamConnectError(error));
      else fail(new FaasError('UPSTREAM_UNREACHABLE', 'Upstream unreachable.'));
    });

    upstream.on('response', (response: IncomingMessage) => {
      if (settled) return response.resume();
      if (timer) clearTimeout(timer);
      timer =
        call.writeTimeoutMs > 0
          ? setTimeout(() => fail(new FaasError('UPSTREAM_TIMEOUT')), call.writeTimeoutMs)
          : undefined;
      res.writeHead(response.statusCode ?? 502, downstreamResponseHeaders(response, call.stamp));
      if (response.headers['content-length'] === undefined) flushHeadersSoon(res);
      relayBody(response, res);
      response.on('close', () => {
        if (!response.complete) fail(new FaasError('UPSTREAM_UNREACHABLE'));
      });
      res.on('finish', () => finish({ status: res.statusCode }));
    });

    res.on('close', () => {
      if (res.writableFinished || settled) return;
      upstream.destroy();
      finish({ status: res.headersSent ? res.statusCode : CLIENT_CLOSED });
    });
  });
}

function tooLarge(limit: number): FaasError {
  return new FaasError('PAYLOAD_TOO_LARGE', `Request body larger than ${limit} bytes.`);
}

/** Copies the request body upstream with back-pressure, counting bytes against the limit. */
function pumpBody(
  req: IncomingMessage,
  upstream: ClientRequest,
  limit: number,
  onTooLarge: () => void,
): void {
  let seen = 0;
  const onData = (chunk: Buffer): void => {
    seen += chunk.length;
    if (limit > 0 && seen > limit) {
      req.off('data', onData);
      req.pause();
      onTooLarge();
      return;
    }
    if (!upstream.write(chunk)) req.pause();
  };
  req.on('data', onData);
  upstream.on('drain', () => req.resume());
  req.on('end', () => upstream.end());
  if (req.readableEnded) upstream.end();
}
