// Docker API errors → FaasError, at the adapter boundary: callers see 404/409/400 with Docker's own
// reason, or 503 when Docker cannot be reached; never dockerode's error object or a stack trace.
import { FaasError } from '@faas/contracts';
import type { ErrorCode } from '@faas/contracts';

/** What a dockerode error carries. */
interface DockerodeError {
  statusCode?: number;
  json?: { message?: string } | string | null;
  code?: string;
  message?: string;
}

/** Docker's own message of an error, without dockerode's `(HTTP code 404) …` prefix. */
export function dockerReason(err: unknown): string {
  const e = (err ?? {}) as DockerodeError;
  const json = e.json;
  const message =
    (typeof json === 'object' && json?.message) ||
    (typeof json === 'string' && json.trim()) ||
    e.message ||
    String(err);
  // Swarm wraps manager errors as `rpc error: code = X desc = <the reason>`.
  return message.replace(/^.*rpc error: code = \w+ desc = /s, '').trim();
}

/** The HTTP status Docker answered, if it answered. */
export function dockerStatus(err: unknown): number | undefined {
  const status = (err as DockerodeError | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Whether Docker answered 404. */
export function isDockerNotFound(err: unknown): boolean {
  return dockerStatus(err) === 404;
}

/** Swarm refuses an update made from a stale spec version; the caller re-reads and retries. */
export function isOutOfSequence(err: unknown): boolean {
  return /update out of sequence/i.test(dockerReason(err));
}

/**
 * Translates any error from a Docker call. `notFound` is the code a 404 means here
 * (FUNCTION_NOT_FOUND for services, NOT_FOUND for secrets). FaasErrors pass through unchanged.
 */
export function translateDockerError(
  err: unknown,
  what: string,
  notFound: ErrorCode = 'NOT_FOUND',
): FaasError {
  if (err instanceof FaasError) return err;
  const status = dockerStatus(err);
  const reason = dockerReason(err);
  if (status === undefined) {
    const code = (err as DockerodeError | undefined)?.code;
    return new FaasError(
      'UNAVAILABLE',
      `${what}: Docker is unreachable${code ? ` (${code})` : ''}: ${reason}`,
    );
  }
  if (status === 404) return new FaasError(notFound, `${what}: ${reason}`);
  if (status === 409) return new FaasError('CONFLICT', `${what}: ${reason}`);
  if (status === 400) return new FaasError('INVALID_REQUEST', `${what}: ${reason}`);
  // Swarm answers 500 for some invalid specs (an image reference it cannot parse, a network that
  // does not exist, a constraint without an operator).
  if (/invalid|InvalidArgument|^network .+ not found$|^constraint expected/i.test(reason))
    return new FaasError('INVALID_REQUEST', `${what}: ${reason}`);
  if (status === 503) return new FaasError('UNAVAILABLE', `${what}: ${reason}`);
  return new FaasError('INTERNAL', `${what}: Docker answered ${status}: ${reason}`);
}
