/** An asynchronous invocation as stored on the queue by `POST /async-function/{name}`. */
export interface QueueRequest {
  /** The call's id; also the `X-Call-Id` returned with the 202. */
  callId: string;
  /** The function to invoke. */
  function: string;
  /** Its namespace. */
  namespace: string;
  /** HTTP method of the original request. */
  method: string;
  /** Path remainder after `/async-function/{name}`, starting with `/` (or empty). */
  path: string;
  /** Raw query string without `?`. */
  query: string;
  /** Request headers as received, minus hop-by-hop headers. */
  headers: Record<string, string[]>;
  /** The request body, base64. */
  body: string;
  /** Where to POST the function's response, from `X-Callback-Url`. */
  callbackUrl?: string;
  /** When the gateway accepted the call, RFC 3339. */
  enqueuedAt: string;
}
