import type { RequestHead } from '../cgi-env.js';

/** A fetch Request as the Http_* variables and marshal_request see it (RequestHead). */
export interface BunRequestHead extends RequestHead {
  readonly method: string;
  readonly url: string;
  readonly headers: { host?: string; 'content-length'?: string; 'transfer-encoding'?: string };
}

/** The request target (path and query) of a Request, whose `url` is absolute. */
export function requestTarget(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash < 0 ? '/' : url.slice(slash);
}

/** Builds the RequestHead of a fetch Request (header names arrive lower-cased). */
export function requestHead(req: Request): BunRequestHead {
  const rawHeaders: string[] = [];
  req.headers.forEach((value, name) => {
    rawHeaders.push(name, value);
  });
  const optional = (name: string): string | undefined => req.headers.get(name) ?? undefined;
  return {
    method: req.method,
    url: requestTarget(req.url),
    rawHeaders,
    headers: {
      host: optional('host'),
      'content-length': optional('content-length'),
      'transfer-encoding': optional('transfer-encoding'),
    },
  };
}

/** True when the declared Content-Length already exceeds `limit` (answer 413 before any work). */
export function declaresTooLarge(req: Request, limit: number): boolean {
  const declared = Number(req.headers.get('content-length') ?? 0);
  return Number.isFinite(declared) && declared > limit;
}
