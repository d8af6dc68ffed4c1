// Calls to the gateway's public API from the page. The browser sends the basic-auth credentials
// the user typed when the page loaded (same origin, same realm). Every failure becomes an ApiError
// that says what was being done, the status, and the gateway's own one-line explanation. Every
// outcome also tells the page's connection whether the gateway answered.
import { gatewayConnection } from './connection.js';

/** The header the platform puts on errors it makes itself (not a function's own). */
const INTERNAL_HEADER = 'X-OpenFaaS-Internal';

/** A failed call: what was being done, and what the gateway said. */
export class ApiError extends Error {
  constructor(
    /** What the user was doing, as a verb phrase: "deploy echo". */
    readonly action: string,
    /** HTTP status; 0 when the gateway did not answer at all. */
    readonly status: number,
    /** The gateway's one-line plain-text body, trimmed. */
    readonly body: string,
    /** Which component made the error (`gateway`, `provider`, `proxy`), when it says so. */
    readonly component?: string,
  ) {
    super(describeFailure(action, status, body, component));
    this.name = 'ApiError';
  }
}

const REASONS: Record<number, string> = {
  400: 'the request was refused as invalid',
  403: 'this is not allowed',
  404: 'it was not found',
  405: 'the gateway does not allow this here',
  409: 'it already exists, or changed meanwhile',
  413: 'the body is too large',
  422: 'a value cannot be used',
  429: 'too many requests are in flight',
  500: 'the gateway or the provider failed',
  501: 'this gateway or provider does not support it',
  502: 'the provider or the function could not be reached',
  503: 'the provider or the function is not available right now',
  504: 'the provider or the function did not answer in time',
};

/** The sentence shown to a person; never drops the gateway's own words. */
export function describeFailure(action: string, status: number, body: string, component?: string): string {
  if (status === 0)
    return `Could not ${action}: the gateway did not answer. Is it running? (${body || 'network error'})`;
  if (status === 401)
    return `Could not ${action}: the gateway did not accept your login (401). Reload the page to log in again.`;
  const reason = REASONS[status] ?? (status >= 500 ? 'the server failed' : 'the request was refused');
  const from = component ? ` [from the ${component}]` : '';
  return `Could not ${action}: ${reason} (${status})${body ? ` — ${body}` : ''}${from}`;
}

/** What `call` takes. */
export interface CallOptions {
  /** JSON body to send. */
  json?: unknown;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | undefined>;
  /** Aborts the call (page left). */
  signal?: AbortSignal;
  /** Gives up after this long, as if the gateway did not answer (polls use it: a hung gateway is down). */
  timeoutMs?: number;
}

/** URL of an API path with a query. */
export function apiUrl(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** One API call; resolves with the response when it is 2xx, else throws an ApiError. */
export async function call(
  action: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Response> {
  let res: Response;
  const signals = [
    ...(options.signal ? [options.signal] : []),
    ...(options.timeoutMs !== undefined ? [AbortSignal.timeout(options.timeoutMs)] : []),
  ];
  try {
    res = await fetch(apiUrl(path, options.query), {
      method,
      headers: options.json === undefined ? {} : { 'Content-Type': 'application/json' },
      body: options.json === undefined ? null : JSON.stringify(options.json),
      credentials: 'same-origin',
      signal: signals.length === 0 ? null : signals.length === 1 ? signals[0]! : AbortSignal.any(signals),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    const why =
      (err as Error).name === 'TimeoutError'
        ? `no answer within ${options.timeoutMs! / 1000} s`
        : (err as Error).message;
    gatewayConnection.unanswered(`The gateway did not answer (${why})`);
    throw new ApiError(action, 0, why);
  }
  gatewayConnection.answered();
  if (res.ok) return res;
  const body = (await res.text().catch(() => '')).trim();
  throw new ApiError(action, res.status, body, res.headers.get(INTERNAL_HEADER) ?? undefined);
}

/** An API call whose answer is JSON. */
export async function callJson<T>(
  action: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<T> {
  const res = await call(action, method, path, options);
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(action, res.status, 'the answer was not JSON');
  }
}
