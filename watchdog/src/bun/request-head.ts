import type { RequestHead } from '../cgi-env.js';
import type { Framing } from '../core/decide.js';

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

/** The framing headers of a fetch Request (core/decide.ts reads them). */
export function framingOf(req: Request): Framing {
  return {
    contentLength: req.headers.get('content-length'),
    transferEncoding: req.headers.get('transfer-encoding'),
  };
}
