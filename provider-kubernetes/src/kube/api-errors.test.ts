import { ApiException } from '@kubernetes/client-node';
import { FaasError } from '@faas/contracts';
import { translateApiError } from './api-errors.js';

const status = (code: number, reason: string, message: string) =>
  new ApiException(
    code,
    'Unknown API Status Code!',
    JSON.stringify({ kind: 'Status', code, reason, message }),
    {
      'content-type': 'application/json',
    },
  );
const fn = { what: 'function', name: 'figlet', namespace: 'openfaas-fn' } as const;
const secret = { what: 'secret', name: 'key', namespace: 'openfaas-fn' } as const;

describe('translateApiError', () => {
  it.each([
    [
      '404 for a function',
      status(404, 'NotFound', 'x'),
      fn,
      'FUNCTION_NOT_FOUND',
      404,
      'function "figlet" in namespace "openfaas-fn" not found',
    ],
    [
      '404 for a secret',
      status(404, 'NotFound', 'x'),
      secret,
      'NOT_FOUND',
      404,
      'secret "key" in namespace "openfaas-fn" not found',
    ],
    ['409 AlreadyExists', status(409, 'AlreadyExists', 'x'), fn, 'CONFLICT', 409, 'already exists'],
    ['409 Conflict', status(409, 'Conflict', 'x'), fn, 'CONFLICT', 409, 'changed by someone else'],
    [
      '422 Invalid',
      status(422, 'Invalid', 'Service "1a" is invalid: metadata.name'),
      fn,
      'INVALID_REQUEST',
      400,
      'Service "1a" is invalid: metadata.name',
    ],
    [
      '403 Forbidden',
      status(403, 'Forbidden', 'cannot create resource "deployments"'),
      fn,
      'FORBIDDEN',
      403,
      'cannot create resource "deployments"',
    ],
    [
      '401',
      new ApiException(401, 'Unauthorized', undefined, {}),
      fn,
      'UNAVAILABLE',
      503,
      "refused the provider's credentials",
    ],
    ['500', status(500, 'InternalError', 'etcd down'), fn, 'UNAVAILABLE', 503, 'answered 500'],
    [
      'a network error',
      new Error('connect ECONNREFUSED 10.0.0.1:443'),
      fn,
      'UNAVAILABLE',
      503,
      'could not be reached',
    ],
  ])('translates %s', (_what, err, context, code, httpStatus, message) => {
    const translated = translateApiError(err, context);
    expect(translated).toBeInstanceOf(FaasError);
    expect(translated.code).toBe(code);
    expect(translated.status).toBe(httpStatus);
    expect(translated.message).toContain(message);
    expect(translated.message).not.toMatch(/HTTP-Code|Headers|Body:/);
  });

  it('passes FaasErrors through unchanged', () => {
    const original = new FaasError('INVALID_REQUEST', 'x');
    expect(translateApiError(original, fn)).toBe(original);
  });
});
