// Invoking a function from the page: the request as the user wrote it, the response as it came.
import type { FunctionRef } from '../lib/routes.js';
import { gatewayConnection } from './connection.js';
import { ApiError } from './http.js';

/** What the invoke form sends. */
export interface InvokeRequest {
  /** The function. */
  fn: FunctionRef;
  /** HTTP method. */
  method: string;
  /** Path after `/function/<name>`, e.g. `/a/b`; empty for none. */
  path: string;
  /** Query string without `?`. */
  query: string;
  /** Extra headers. */
  headers: [string, string][];
  /** `Content-Type` of the body. */
  contentType: string;
  /** Body (text, or a file); undefined for none. */
  body: string | Blob | undefined;
  /** Queue it (`/async-function`) instead of waiting for the answer. */
  async: boolean;
  /** Async only: where the queue worker posts the function's answer. */
  callbackUrl?: string;
}

/** What came back. */
export interface InvokeResult {
  /** The URL called (relative). */
  url: string;
  /** HTTP status and reason. */
  status: number;
  statusText: string;
  /** Response headers in arrival order. */
  headers: [string, string][];
  /** Time until the whole body arrived, ms. */
  durationMs: number;
  /** The body's bytes. */
  body: Uint8Array;
}

/** Reads "Name: value" lines; returns the headers and one problem per bad line. */
export function parseHeaderLines(text: string): { headers: [string, string][]; problems: string[] } {
  const headers: [string, string][] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) problems.push(`line ${i + 1}: write Name: value`);
    else headers.push([name, line.slice(colon + 1).trim()]);
  });
  return { headers, problems };
}

/** The URL of an invocation: `/function/<name>.<namespace><path>?<query>`. */
export function invokeUrl(req: Pick<InvokeRequest, 'fn' | 'path' | 'query' | 'async'>): string {
  const base = req.async ? '/async-function' : '/function';
  const path =
    req.path.trim() === '' || req.path.trim() === '/' ? '' : `/${req.path.trim().replace(/^\/+/, '')}`;
  const query = req.query.trim().replace(/^\?/, '');
  const name = `${encodeURIComponent(req.fn.name)}.${encodeURIComponent(req.fn.namespace)}`;
  return `${base}/${name}${path}${query ? `?${query}` : ''}`;
}

/** Sends the invocation; any HTTP status is a result, only a failure to connect throws. */
export async function invoke(req: InvokeRequest): Promise<InvokeResult> {
  const url = invokeUrl(req);
  const headers = new Headers(req.headers);
  const withBody = req.body !== undefined && req.method !== 'GET' && req.method !== 'HEAD';
  if (withBody && req.contentType) headers.set('Content-Type', req.contentType);
  if (req.async && req.callbackUrl) headers.set('X-Callback-Url', req.callbackUrl);
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: req.method,
      headers,
      body: withBody ? req.body! : null,
      credentials: 'omit',
    });
    gatewayConnection.answered();
    const body = new Uint8Array(await res.arrayBuffer());
    return {
      url,
      status: res.status,
      statusText: res.statusText,
      headers: [...res.headers.entries()],
      durationMs: performance.now() - started,
      body,
    };
  } catch (err) {
    gatewayConnection.unanswered(`The gateway did not answer (${(err as Error).message})`);
    throw new ApiError(`invoke ${req.fn.name}`, 0, (err as Error).message);
  }
}

/** How to show a body. */
export type BodyView =
  | { kind: 'empty' }
  | { kind: 'json'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; size: number };

/** JSON pretty-printed, text as text, anything that is not UTF-8 text as a download. */
export function viewOfBody(contentType: string | null, body: Uint8Array): BodyView {
  if (body.length === 0) return { kind: 'empty' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { kind: 'binary', size: body.length };
  }
  const type = (contentType ?? '').toLowerCase();
  if (/[/+]json\b/.test(type) || (!type && /^\s*[[{]/.test(text))) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(text), null, 2) };
    } catch {
      return { kind: 'text', text };
    }
  }
  if (/^(image|audio|video)\/|octet-stream|zip|pdf/.test(type)) return { kind: 'binary', size: body.length };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return { kind: 'binary', size: body.length };
  return { kind: 'text', text };
}
