import { isHopByHop } from './hop-by-hop.js';

/**
 * The parts of a request the Http_* variables and marshal_request read. Node's IncomingMessage has
 * this shape; the Bun runtime builds it from a fetch Request (src/bun/request-head.ts).
 */
export interface RequestHead {
  readonly method?: string;
  /** The request target: path and query. */
  readonly url?: string;
  /** Name, value, name, value, … in arrival order. */
  readonly rawHeaders: string[];
  readonly headers: {
    readonly host?: string;
    readonly 'content-length'?: string;
    readonly 'transfer-encoding'?: string;
  };
}

/** Environment variables for a child process. */
export type ChildEnv = Record<string, string>;

/** `x-call-id` → `X-Call-Id`, as Go's `http.CanonicalHeaderKey` spells header names. */
export function canonicalHeaderName(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/** Splits a request target into path and raw query (without the `?`). */
export function splitTarget(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

/** What `Http_ContentLength` says: the header, `-1` for a chunked body (as Go reports it), else `0`. */
function contentLength(req: RequestHead): string {
  const header = req.headers['content-length'];
  if (header !== undefined) return header;
  return req.headers['transfer-encoding'] !== undefined ? '-1' : '0';
}

/**
 * The per-request variables the classic watchdog passes to the function: `Http_Method`,
 * `Http_Query` and `Http_Host` (when not empty), `Http_Path`, `Http_ContentLength` and
 * `Http_Content_Length`, and one `Http_<Header_Name>` per request header (first value; dashes
 * become underscores, canonical casing). Hop-by-hop headers (`Connection`, `Keep-Alive`, `TE`,
 * `Proxy-*`, …) describe the caller's connection to this watchdog, not the request, and are left
 * out — behind a gateway the function never sees them anyway — except `Transfer-Encoding`, which
 * the Go watchdogs pass as `Http_Transfer_Encoding` so a function knows the body has no length.
 */
export function cgiEnv(req: RequestHead): ChildEnv {
  const env: ChildEnv = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const lower = name.toLowerCase();
    if (lower !== 'transfer-encoding' && isHopByHop(lower)) continue;
    const key = `Http_${canonicalHeaderName(name).replace(/-/g, '_')}`;
    if (!(key in env)) env[key] = raw[i + 1] as string;
  }
  const { path, query } = splitTarget(req.url ?? '/');
  env.Http_Method = req.method ?? 'GET';
  if (query !== '') env.Http_Query = query;
  env.Http_Path = path;
  if (req.headers.host) env.Http_Host = req.headers.host;
  env.Http_ContentLength = contentLength(req);
  env.Http_Content_Length = env.Http_ContentLength;
  return env;
}

/**
 * The request as `marshal_request` hands it to the function on stdin:
 * `{"header":{"Content-Type":["text/plain"]},"body":{"raw":"<base64>"}}`.
 */
export function marshalRequest(req: RequestHead, body: Buffer): string {
  const header: Record<string, string[]> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = canonicalHeaderName(raw[i] as string);
    (header[name] ??= []).push(raw[i + 1] as string);
  }
  return JSON.stringify({ header, body: { raw: body.toString('base64') } });
}
