import { FaasError } from '@faas/contracts';
import { dockerReason, isOutOfSequence, translateDockerError } from './docker-errors.js';

/** An error shaped as dockerode rejects with. */
function dockerError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message}`), {
    statusCode,
    json: { message },
  });
}

describe('translateDockerError', () => {
  it.each([
    [404, 'service echo not found', 'FUNCTION_NOT_FOUND', 404],
    [409, 'rpc error: code = AlreadyExists desc = name conflicts with an existing object', 'CONFLICT', 409],
    [
      400,
      'rpc error: code = InvalidArgument desc = ContainerSpec: image reference must be provided',
      'INVALID_REQUEST',
      400,
    ],
    [500, 'rpc error: code = InvalidArgument desc = invalid reference format', 'INVALID_REQUEST', 400],
    [500, 'network nope not found', 'INVALID_REQUEST', 400],
    [
      500,
      'rpc error: code = Unknown desc = constraint expected one operator from ==, !=',
      'INVALID_REQUEST',
      400,
    ],
    [503, 'This node is not a swarm manager.', 'UNAVAILABLE', 503],
    [500, 'something broke', 'INTERNAL', 500],
  ])('maps Docker %d "%s" to %s (%d)', (statusCode, message, code, status) => {
    const error = translateDockerError(dockerError(statusCode, message), 'deploy echo', 'FUNCTION_NOT_FOUND');
    expect(error).toBeInstanceOf(FaasError);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.message).toMatch(/^deploy echo: /);
    expect(error.message).not.toContain('rpc error');
    expect(error.message).not.toContain('HTTP code');
  });

  it('keeps Docker’s reason in the message', () => {
    const error = translateDockerError(
      dockerError(409, 'rpc error: code = AlreadyExists desc = name conflicts with an existing object'),
      'deploy echo',
    );
    expect(error.message).toBe('deploy echo: name conflicts with an existing object');
  });

  it('answers 503 when Docker cannot be reached at all', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), {
      code: 'ECONNREFUSED',
    });
    const error = translateDockerError(refused, 'list functions');
    expect(error.status).toBe(503);
    expect(error.message).toBe(
      'list functions: Docker is unreachable (ECONNREFUSED): connect ECONNREFUSED /var/run/docker.sock',
    );
  });

  it('passes a FaasError through unchanged', () => {
    const original = new FaasError('CONFLICT', 'exists');
    expect(translateDockerError(original, 'x')).toBe(original);
  });
});

describe('dockerReason and isOutOfSequence', () => {
  it('reads a plain-text body and recognises a stale update', () => {
    const stale = Object.assign(new Error('x'), {
      statusCode: 500,
      json: 'rpc error: code = Unknown desc = update out of sequence\n',
    });
    expect(dockerReason(stale)).toBe('update out of sequence');
    expect(isOutOfSequence(stale)).toBe(true);
    expect(isOutOfSequence(dockerError(404, 'not found'))).toBe(false);
  });
});
