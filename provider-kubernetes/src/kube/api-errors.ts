// The adapter boundary: Kubernetes `ApiException`s become the contract's errors here, and nothing
// of the SDK (its multi-line message with headers, its body) leaks past this file.
import { ApiException } from '@kubernetes/client-node';
import { FaasError } from '@faas/contracts';

/** The parts of a Kubernetes `Status` body a translation uses. */
export interface KubeStatus {
  /** HTTP code. */
  code: number;
  /** NotFound, AlreadyExists, Conflict, Invalid, Forbidden, … */
  reason?: string;
  /** The server's message, e.g. `deployments.apps "x" not found`. */
  message?: string;
}

/** The status of a failed Kubernetes call, or undefined when the error is not from the API server. */
export function kubeStatus(err: unknown): KubeStatus | undefined {
  if (!(err instanceof ApiException)) {
    const code = (err as { statusCode?: unknown } | null)?.statusCode;
    return typeof code === 'number' ? { code } : undefined;
  }
  let body: { reason?: string; message?: string } = {};
  try {
    body = typeof err.body === 'string' ? JSON.parse(err.body) : ((err.body as typeof body) ?? {});
  } catch {
    // Not a Status object (a proxy in front of the API server, say): the code is all we have.
  }
  return { code: err.code, reason: body.reason, message: body.message };
}

/** Whether an error is the API server's 404. */
export const isNotFound = (err: unknown) => kubeStatus(err)?.code === 404;

/** Whether an error is a 409 (AlreadyExists, or Conflict on a stale resourceVersion). */
export const isConflict = (err: unknown) => kubeStatus(err)?.code === 409;

/** What the call was about, for messages: `function "figlet" in "openfaas-fn"`. */
export interface ErrorContext {
  /** `function` or `secret`. */
  what: 'function' | 'secret';
  /** Its name. */
  name: string;
  /** Its namespace. */
  namespace: string;
}

/**
 * Translates any error from a Kubernetes call into a FaasError: 404 → FUNCTION_NOT_FOUND / NOT_FOUND,
 * 409 → CONFLICT, 422 and 400 → INVALID_REQUEST with the server's reason, 403 → FORBIDDEN naming the
 * missing permission, 401 → UNAVAILABLE (the provider's own credentials are wrong), anything else →
 * UNAVAILABLE. The server's message is kept where it tells the user what to fix (422, 403).
 */
export function translateApiError(err: unknown, context: ErrorContext): FaasError {
  if (err instanceof FaasError) return err;
  const status = kubeStatus(err);
  const subject = `${context.what} "${context.name}" in namespace "${context.namespace}"`;
  switch (status?.code) {
    case 404:
      return context.what === 'function'
        ? new FaasError('FUNCTION_NOT_FOUND', `${subject} not found`)
        : new FaasError('NOT_FOUND', `${subject} not found`);
    case 409:
      return status.reason === 'AlreadyExists'
        ? new FaasError('CONFLICT', `${subject} already exists`)
        : new FaasError('CONFLICT', `${subject} was changed by someone else at the same time, try again`);
    case 400:
    case 422:
      return new FaasError(
        'INVALID_REQUEST',
        `Kubernetes rejected ${subject}: ${status.message ?? 'invalid'}`,
      );
    case 403:
      return new FaasError(
        'FORBIDDEN',
        `the provider's service account may not do this for ${subject}: ${status.message ?? 'forbidden'}`,
      );
    case 401:
      return new FaasError(
        'UNAVAILABLE',
        "the Kubernetes API server refused the provider's credentials (401)",
      );
    default:
      return new FaasError(
        'UNAVAILABLE',
        status
          ? `the Kubernetes API server answered ${status.code} for ${subject}`
          : `the Kubernetes API server could not be reached for ${subject}`,
      );
  }
}
