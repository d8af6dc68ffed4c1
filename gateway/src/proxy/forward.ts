// The lean reverse proxy: the client side on node:http, the upstream side on undici's dispatcher
// API (one request per call, bodies streamed both ways with back-pressure, redirects passed
// through, never followed). undici over node:http's client and over http-proxy by measurement:
// 49 vs 65 and 80 µs of CPU per proxied call (bench/README.md, "Gateway").
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { FaasError } from '@faas/contracts';
import { bodyTooLarge, flushHeadersSoon, overLimit, SMALL_BODY_BYTES } from '@faas/service-kit';
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
  /** Time allowed until the upstream's status line once it has the whole body; 0: none. */
  upstreamTimeoutMs: number;
  /** Time allowed for a streamed body to arrive from the client (`read_timeout`); 0: none. */
  readTimeoutMs: number;
  /** Time allowed for the whole exchange; 0: none. */
  writeTimeoutMs: number;
  /** Largest body accepted; 0: no limit. */
  maxBodyBytes: number;
  /** A body the gateway already read; otherwise `req` is streamed (a small one is read first and kept here). */
  body?: Buffer;
}

/** How an exchange ended: the status the client got (499 when the client left before any). */
export interface ForwardOutcome {
  /** HTTP status sent to the client. */
  status: number;
  /** The first line of an upstream's 408 or 5xx body (at most 200 characters): why it failed. */
  failure?: string;
}

/** Bytes of a failed answer's body kept to say why it failed. */
const FAILURE_EXCERPT_BYTES = 200;

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

/** Socket errors that mean the request never reached the upstream. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Proxies one request. Resolves with the status the client got; rejects with a FaasError when
 * nothing was written yet (the caller answers it), with UpstreamConnectError when the caller may
 * still try another upstream (the body is then unread, or kept in `call.body`).
 */
export async function forward(
  call: ForwardCall,
  target: UpstreamTarget,
  dispatcher: Dispatcher,
): Promise<ForwardOutcome> {
  const { req } = call;
  const declared = req.headers['content-length'];
  const length = Number(declared ?? 0);
  if (!call.body && overLimit(length, call.maxBodyBytes)) throw bodyTooLarge(call.maxBodyBytes);
  if (!call.body && declared !== undefined && length > 0 && length <= SMALL_BODY_BYTES) {
    // A small body travels in one write, and stays at hand should this upstream refuse the call.
    const body = await readSmallBody(req);
    if (body === undefined) return { status: CLIENT_CLOSED };
    call.body = body;
  }
  return exchange(call, target, dispatcher);
}

function exchange(
  call: ForwardCall,
  target: UpstreamTarget,
  dispatcher: Dispatcher,
): Promise<ForwardOutcome> {
  const { req, res } = call;
  return new Promise((resolve, reject) => {
    let settled = false;
    let bodyRead = false;
    let excerpt: Buffer[] | undefined;
    let excerptBytes = 0;
    const failure = (): { failure?: string } => {
      if (!excerpt) return {};
      const line = Buffer.concat(excerpt).toString('utf8').split('\n')[0]?.trim() ?? '';
      return { failure: line };
    };
    let timer: NodeJS.Timeout | undefined;
    let abortUpstream: ((err?: Error) => void) | undefined;
    let resumeUpstream: (() => void) | undefined;
    const finish = (outcome: ForwardOutcome | Error): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    // Settle first, then abort: undici reports the abort through onError at once, which must
    // not turn a 504 or 413 into a 502.
    const fail = (error: FaasError): void => {
      if (settled) return;
      if (res.headersSent) {
        finish({ status: res.statusCode });
        res.destroy();
      } else finish(error);
      abortUpstream?.(error);
    };
    // The upstream's time starts once it has the whole body: a client still sending is the
    // client's delay (read_timeout, 408), not the function's (upstream_timeout, 504).
    const awaitAnswer = (): void => {
      if (settled || responded || call.upstreamTimeoutMs <= 0) return;
      timer = setTimeout(
        () => fail(new FaasError('UPSTREAM_TIMEOUT', 'Upstream timed out.')),
        call.upstreamTimeoutMs,
      );
    };
    let responded = false;
    let body: Buffer | AsyncIterable<Buffer> | null = call.body ?? null;
    if (
      body === null &&
      (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined)
    ) {
      // A generator, not `req` itself: it counts bytes against max_body_size, and undici destroys
      // a stream body when it aborts a request mid-write (our timeouts, a client gone:
      // client-h1.js), which would take the client's own connection down with it.
      const stream: BodyStream = { waitingForClient: false, started: () => (bodyRead = true) };
      stream.ended = () => {
        clearTimeout(readTimer);
        awaitAnswer();
      };
      stream.tooLarge = () => fail(bodyTooLarge(call.maxBodyBytes));
      body = streamBody(req, call.maxBodyBytes, stream);
      // A body still arriving at read_timeout is the client's 408; a function that stopped
      // reading it has had its time too (504).
      const readTimer =
        call.readTimeoutMs > 0
          ? setTimeout(() => {
              if (responded) return;
              fail(
                stream.waitingForClient
                  ? new FaasError('REQUEST_TIMEOUT', 'The request body did not arrive within read_timeout.')
                  : new FaasError('UPSTREAM_TIMEOUT', 'Upstream timed out.'),
              );
            }, call.readTimeoutMs)
          : undefined;
      readTimer?.unref();
      res.once('close', () => clearTimeout(readTimer));
    } else awaitAnswer();
    dispatcher.dispatch(
      {
        origin: `${target.protocol}//${target.hostname}:${target.port}`,
        path: target.path,
        method: req.method ?? 'GET',
        headers: call.headers,
        // undici takes any AsyncIterable as a body (documented), though its types list only Readable.
        body: body as Buffer | null,
        // The gateway's own timers (upstream_timeout, write_timeout) apply, not undici's defaults.
        headersTimeout: 0,
        bodyTimeout: 0,
      },
      {
        onConnect(abort) {
          abortUpstream = abort;
          if (settled) abort();
        },
        onHeaders(status, raw, resume) {
          if (settled) return false;
          if (status < 200) return true;
          responded = true;
          if (timer) clearTimeout(timer);
          timer =
            call.writeTimeoutMs > 0
              ? setTimeout(() => fail(new FaasError('UPSTREAM_TIMEOUT')), call.writeTimeoutMs)
              : undefined;
          const headers = rawHeaderStrings(raw);
          if (status >= 500 || status === 408) excerpt = [];
          res.writeHead(status, downstreamResponseHeaders(headers, call.stamp));
          if (!hasHeader(headers, 'content-length')) flushHeadersSoon(res);
          resumeUpstream = resume;
          return true;
        },
        onData(chunk) {
          if (settled) return false;
          if (excerpt && excerptBytes < FAILURE_EXCERPT_BYTES) {
            const piece = chunk.subarray(0, FAILURE_EXCERPT_BYTES - excerptBytes);
            excerpt.push(Buffer.from(piece));
            excerptBytes += piece.length;
          }
          if (res.write(chunk)) return true;
          res.once('drain', () => resumeUpstream?.());
          return false;
        },
        onComplete() {
          if (!settled) res.end();
        },
        onError(err) {
          if (settled) return;
          const code = (err as NodeJS.ErrnoException).code ?? '';
          if (!res.headersSent && NOT_CONNECTED.has(code) && !bodyRead) fail(new UpstreamConnectError(err));
          else fail(new FaasError('UPSTREAM_UNREACHABLE', 'Upstream unreachable.'));
        },
      },
    );
    res.on('finish', () => finish({ status: res.statusCode, ...failure() }));
    res.on('close', () => {
      if (res.writableFinished || settled) return;
      finish({ status: res.headersSent ? res.statusCode : CLIENT_CLOSED });
      abortUpstream?.();
    });
  });
}

/** Reads a small declared body; undefined when the client leaves first. */
function readSmallBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.once('close', () => {
      if (!req.complete) resolve(undefined);
    });
  });
}

/** What a streamed body tells the exchange. */
interface BodyStream {
  /** True while the next chunk is awaited from the client (false while undici holds one). */
  waitingForClient: boolean;
  /** undici began pulling the body. */
  started(): void;
  /** The whole body went upstream. */
  ended?(): void;
  /** The body grew past the limit. */
  tooLarge?(): void;
}

/**
 * The request body as undici pulls it, with back-pressure, counting bytes against `limit`
 * (0: none; a declared length was checked before and Node's parser holds the body to it).
 */
async function* streamBody(req: IncomingMessage, limit: number, stream: BodyStream): AsyncGenerator<Buffer> {
  stream.started();
  const chunks = req.iterator({ destroyOnReturn: false }) as AsyncIterator<Buffer>;
  let seen = 0;
  for (;;) {
    stream.waitingForClient = true;
    const next = await chunks.next();
    stream.waitingForClient = false;
    if (next.done) break;
    seen += next.value.length;
    if (limit > 0 && seen > limit) {
      stream.tooLarge?.();
      return;
    }
    yield next.value;
  }
  stream.ended?.();
}

/** undici's raw header buffers as a flat `[name, value, …]` string array. */
function rawHeaderStrings(raw: Buffer[]): string[] {
  const out = new Array<string>(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = (raw[i] as Buffer).toString('latin1');
  return out;
}

function hasHeader(raw: string[], lowerName: string): boolean {
  for (let i = 0; i < raw.length; i += 2) if ((raw[i] as string).toLowerCase() === lowerName) return true;
  return false;
}
