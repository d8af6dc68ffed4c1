import { Agent as HttpAgent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import type { LookupFunction } from 'node:net';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { injectable } from 'inversify';

/** A whole HTTP answer. */
export interface HttpAnswer {
  /** Status code. */
  status: number;
  /** Headers, lower-case names, every value kept. */
  headers: Record<string, string[]>;
  /** The body. */
  body: Buffer;
}

/** No HTTP answer at all: refused, reset, timed out or aborted. */
export class TransportError extends Error {
  constructor(
    message: string,
    /** The socket error's code (`ECONNREFUSED`, `ECALLBACKREFUSED` …), when there was one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** One request. */
export interface HttpCall {
  method: string;
  headers: OutgoingHttpHeaders;
  body?: Buffer;
  /** Gives up (TransportError) after this long without the whole answer. */
  timeoutMs: number;
  /** Aborts the request (TransportError). */
  signal?: AbortSignal;
  /** Resolves the host name (a callback policy's, which filters the addresses). */
  lookup?: LookupFunction;
}

/** A buffered HTTP client with keep-alive pools; never follows redirects. */
@injectable()
export class HttpClient {
  private readonly http = new HttpAgent({ keepAlive: true, maxFreeSockets: 64 });
  private readonly https = new HttpsAgent({ keepAlive: true, maxFreeSockets: 64 });

  /**
   * Sends `call` to `origin` (scheme, host, port) with `path` exactly as given: no dot-segment
   * normalisation, so a queued path cannot climb out of `/function/<name>`.
   */
  send(origin: URL, path: string, call: HttpCall): Promise<HttpAnswer> {
    const secure = origin.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const fail = (message: string): void => {
        req.destroy();
        reject(new TransportError(message));
      };
      const req = (secure ? httpsRequest : httpRequest)({
        protocol: origin.protocol,
        hostname: origin.hostname.replace(/^\[|\]$/g, ''),
        port: origin.port || (secure ? 443 : 80),
        path,
        method: call.method,
        headers: call.body ? { ...call.headers, 'content-length': call.body.length } : call.headers,
        agent: secure ? this.https : this.http,
        signal: call.signal,
        ...(call.lookup ? { lookup: call.lookup } : {}),
      });
      const timer = setTimeout(() => fail(`no answer within ${call.timeoutMs} ms`), call.timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new TransportError(err.message, err.code));
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (err) => {
          clearTimeout(timer);
          reject(new TransportError(err.message));
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: headerLists(res.rawHeaders),
            body: Buffer.concat(chunks),
          });
        });
      });
      req.end(call.body);
    });
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

function headerLists(raw: string[]): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    (headers[name] ??= []).push(raw[i + 1] as string);
  }
  return headers;
}
