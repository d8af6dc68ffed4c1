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

/** Per-function retry settings the gateway copies from the function's annotations at enqueue time. */
export interface RetryOverrides {
  /** Total attempts, the first one included (`com.openfaas.retry.attempts`). */
  attempts?: number;
  /** HTTP statuses worth retrying (`com.openfaas.retry.codes`, e.g. `429,502,503,504`). */
  codes?: number[];
  /** First back-off, milliseconds (`com.openfaas.retry.min_wait`). */
  minWaitMs?: number;
  /** Longest back-off, milliseconds (`com.openfaas.retry.max_wait`). */
  maxWaitMs?: number;
}

/** What a queue stores for one asynchronous call: the request plus how to retry it. */
export interface QueueMessage {
  /** The request as the gateway received it. */
  request: QueueRequest;
  /** The function's own retry settings, when it has any. */
  retry?: RetryOverrides;
}
