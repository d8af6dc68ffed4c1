/**
 * The one table of error codes: each code's HTTP status and the message used when none is given.
 * Handlers throw `FaasError`s; one place in each HTTP layer maps them to a plain-text response.
 */
export const errorCatalogue = {
  /** The body, query or a name is invalid. */
  INVALID_REQUEST: { status: 400, message: 'Invalid request.' },
  /** Credentials are missing or wrong. */
  UNAUTHORIZED: { status: 401, message: 'Unauthorized.' },
  /** The caller may not act on this resource (e.g. a namespace the provider does not manage). */
  FORBIDDEN: { status: 403, message: 'Forbidden.' },
  /** No such function. */
  FUNCTION_NOT_FOUND: { status: 404, message: 'Function not found.' },
  /** No such secret, namespace or resource. */
  NOT_FOUND: { status: 404, message: 'Not found.' },
  /** The method is not supported on this path. */
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed.' },
  /** The request (its body) did not arrive within the time allowed. */
  REQUEST_TIMEOUT: { status: 408, message: 'Request timed out.' },
  /** It already exists, or changed under us. */
  CONFLICT: { status: 409, message: 'Conflict.' },
  /** The body is larger than the configured limit. */
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Request body too large.' },
  /** The body's `Content-Type` is not one the route takes (a JSON route refuses form and text bodies). */
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported media type.' },
  /** A well-formed query with values that cannot be used (`tail=-1`, `since=yesterday`). */
  UNPROCESSABLE: { status: 422, message: 'Unprocessable request.' },
  /** Too many requests in flight. */
  TOO_MANY_REQUESTS: { status: 429, message: 'Too many requests.' },
  /** Something failed that the caller cannot fix. */
  INTERNAL: { status: 500, message: 'Internal error.' },
  /** This provider or gateway does not implement the feature. */
  NOT_IMPLEMENTED: { status: 501, message: 'Not implemented.' },
  /** A function or provider could not be reached. */
  UPSTREAM_UNREACHABLE: { status: 502, message: 'Upstream unreachable.' },
  /** The function has no ready replica. */
  NO_REPLICAS: { status: 503, message: 'No endpoints available.' },
  /** A dependency (provider, queue) is down or not ready. */
  UNAVAILABLE: { status: 503, message: 'Service unavailable.' },
  /** A function or provider did not answer in time. */
  UPSTREAM_TIMEOUT: { status: 504, message: 'Upstream timed out.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** A stable error code from {@link errorCatalogue}. */
export type ErrorCode = keyof typeof errorCatalogue;

/** One invalid field of a request, for callers that show errors next to a form field. */
export interface FieldProblem {
  /** Dotted path of the field (`limits.memory`, `envVars.1PATH`). */
  field: string;
  /** What is wrong, in words. */
  message: string;
}

/** The error every faas component throws; its code decides the HTTP status. */
export class FaasError extends Error {
  /** The HTTP status of this error's code. */
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string = errorCatalogue[code].message,
    /** The invalid fields, for INVALID_REQUEST. */
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'FaasError';
    this.status = errorCatalogue[code].status;
  }
}

/** The HTTP status of an error code. */
export function statusOf(code: ErrorCode): number {
  return errorCatalogue[code].status;
}

/** The code a status maps back to, for clients reading a response (first match in the catalogue). */
export function codeOfStatus(status: number): ErrorCode | undefined {
  return (Object.keys(errorCatalogue) as ErrorCode[]).find((c) => errorCatalogue[c].status === status);
}

/** The plain-text body for an error: one line, as faas-cli prints it. */
export function errorBody(error: FaasError): string {
  return error.message.replace(/\s*\n\s*/g, ' ').trim();
}
