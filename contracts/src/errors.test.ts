import { errorCatalogue, FaasError, statusOf, errorBody, codeOfStatus } from './errors.js';
import type { ErrorCode } from './errors.js';

describe('error catalogue', () => {
  it.each([
    ['INVALID_REQUEST', 400],
    ['UNAUTHORIZED', 401],
    ['FORBIDDEN', 403],
    ['FUNCTION_NOT_FOUND', 404],
    ['NOT_FOUND', 404],
    ['METHOD_NOT_ALLOWED', 405],
    ['REQUEST_TIMEOUT', 408],
    ['CONFLICT', 409],
    ['PAYLOAD_TOO_LARGE', 413],
    ['UNSUPPORTED_MEDIA_TYPE', 415],
    ['UNPROCESSABLE', 422],
    ['TOO_MANY_REQUESTS', 429],
    ['INTERNAL', 500],
    ['NOT_IMPLEMENTED', 501],
    ['UPSTREAM_UNREACHABLE', 502],
    ['NO_REPLICAS', 503],
    ['UNAVAILABLE', 503],
    ['UPSTREAM_TIMEOUT', 504],
  ] as [ErrorCode, number][])('maps %s to %i', (code, status) => {
    expect(statusOf(code)).toBe(status);
    expect(new FaasError(code).status).toBe(status);
  });

  it('has a test row for every code', () => {
    expect(Object.keys(errorCatalogue)).toHaveLength(18);
  });

  it('uses the catalogue message when none is given', () => {
    expect(new FaasError('FUNCTION_NOT_FOUND').message).toBe('Function not found.');
  });

  it('renders a multi-line message as one line of plain text', () => {
    expect(errorBody(new FaasError('INVALID_REQUEST', 'bad:\n  service: required\n  image: required'))).toBe(
      'bad: service: required image: required',
    );
  });

  it('keeps field problems for callers that show them next to fields', () => {
    const err = new FaasError('INVALID_REQUEST', 'x', [{ field: 'image', message: 'required' }]);
    expect(err.problems).toEqual([{ field: 'image', message: 'required' }]);
  });

  it('maps a status back to its first code', () => {
    expect([codeOfStatus(404), codeOfStatus(503), codeOfStatus(418)]).toEqual([
      'FUNCTION_NOT_FOUND',
      'NO_REPLICAS',
      undefined,
    ]);
  });
});
