import type { ConformanceCredentials } from './types.js';

/** One HTTP answer, body read as text. */
export interface Answer {
  /** Status code. */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** Body as text. */
  text: string;
  /** Body as bytes. */
  bytes: Uint8Array;
}

/** Request options of {@link ProviderClient.request}. */
export interface RequestOptions {
  /** A JSON value (sent as JSON) or a raw string body. */
  body?: unknown;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** Credentials to send: the kit's (default), others, or none (`null`). */
  auth?: ConformanceCredentials | null;
  /** Don't follow redirects (always on: the kit never follows). */
  signal?: AbortSignal;
}

function basic(auth: ConformanceCredentials): string {
  return `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
}

/** A tiny client over the global `fetch`: no runtime dependencies, redirects never followed. */
export class ProviderClient {
  constructor(
    readonly baseUrl: string,
    private readonly auth: ConformanceCredentials | undefined,
  ) {}

  /** Sends one request and reads the whole answer. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const res = await this.open(method, path, options);
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, text: Buffer.from(bytes).toString('utf8'), bytes };
  }

  /** Sends one request and returns the response unread (for streams). */
  async open(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    const auth = options.auth === undefined ? this.auth : options.auth;
    if (auth) headers.Authorization = basic(auth);
    let body: string | undefined;
    if (typeof options.body === 'string') body = options.body;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    return fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: options.signal,
    });
  }
}
