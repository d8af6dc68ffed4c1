import {
  parseDeleteFunctionRequest,
  parseScaleServiceRequest,
  parseSecret,
  parseDeleteSecretRequest,
  parseLogQuery,
  secretBytes,
} from './requests.js';
import { parseJsonBody } from './problems.js';
import { FaasError } from '../errors.js';

function failure(fn: () => unknown): { status: number; message: string } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FaasError);
    return { status: (err as FaasError).status, message: (err as FaasError).message };
  }
  throw new Error('expected a FaasError');
}

describe('parseDeleteFunctionRequest', () => {
  it('accepts a name and a namespace', () => {
    expect(parseDeleteFunctionRequest({ functionName: 'cat', namespace: 'openfaas-fn' })).toEqual({
      functionName: 'cat',
      namespace: 'openfaas-fn',
    });
  });
  it.each([
    [{}, 'invalid delete request: functionName: required'],
    [
      { functionName: 'Cat' },
      'invalid delete request: functionName: must be lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
    ],
    [[], 'invalid delete request: body must be a JSON object'],
  ])('refuses %j with 400', (body, message) => {
    expect(failure(() => parseDeleteFunctionRequest(body))).toEqual({ status: 400, message });
  });
});

describe('parseScaleServiceRequest', () => {
  it.each([[0], [1], [1000]])('accepts %i replicas', (replicas) => {
    expect(parseScaleServiceRequest({ serviceName: 'cat', replicas })).toEqual({
      serviceName: 'cat',
      replicas,
    });
  });
  it.each([
    [{ serviceName: 'cat' }, 'invalid scale request: replicas: required'],
    [{ replicas: -1 }, 'invalid scale request: replicas: must be a whole number from 0 to 1000'],
    [{ replicas: 1.5 }, 'invalid scale request: replicas: must be a whole number from 0 to 1000'],
    [{ replicas: '2' }, 'invalid scale request: replicas: must be a whole number from 0 to 1000'],
    [{ replicas: 1001 }, 'invalid scale request: replicas: must be a whole number from 0 to 1000'],
  ])('refuses %j with 400', (body, message) => {
    expect(failure(() => parseScaleServiceRequest(body))).toEqual({ status: 400, message });
  });
});

describe('parseSecret', () => {
  it('accepts a text value', () => {
    expect(parseSecret({ name: 'api-key', value: 's3cret' })).toEqual({ name: 'api-key', value: 's3cret' });
  });
  it('accepts a base64 rawValue and gives back its exact bytes', () => {
    const secret = parseSecret({ name: 'bin', rawValue: Buffer.from([0, 255, 10]).toString('base64') });
    expect([...secretBytes(secret)]).toEqual([0, 255, 10]);
  });
  it('takes rawValue when value is sent too, as faas-cli secret create --from-file does', () => {
    const secret = parseSecret({
      name: 'file',
      value: 'text\u00ff',
      rawValue: Buffer.from([0, 255]).toString('base64'),
    });
    expect(secret).toEqual({ name: 'file', rawValue: 'AP8=' });
    expect([...secretBytes(secret)]).toEqual([0, 255]);
  });
  it('accepts a value of 500 KiB, as Docker Swarm does, and refuses one byte more', () => {
    expect(() => parseSecret({ name: 'a', value: 'x'.repeat(500 * 1024) })).not.toThrow();
    expect(failure(() => parseSecret({ name: 'a', value: 'x'.repeat(500 * 1024 + 1) }))).toEqual({
      status: 400,
      message: 'invalid secret: value: must be at most 512000 bytes (got 512001)',
    });
    const raw = Buffer.alloc(500 * 1024 + 3).toString('base64');
    expect(failure(() => parseSecret({ name: 'a', value: 'x', rawValue: raw }))).toEqual({
      status: 400,
      message: 'invalid secret: rawValue: must be at most 512000 bytes (got 512003)',
    });
  });
  it('gives the bytes of a text value as UTF-8', () => {
    expect(secretBytes({ name: 'a', value: 'é' }).toString('hex')).toBe('c3a9');
  });
  it.each([
    [{ value: 'x' }, 'invalid secret: name: required'],
    [
      { name: 'API_KEY', value: 'x' },
      'invalid secret: name: must be lower-case letters, digits, "-" and "." (a DNS-1123 subdomain), at most 253 characters',
    ],
    [{ name: 'a' }, 'invalid secret: value: required (or rawValue, base64)'],
    [{ name: 'a', rawValue: 'not base64!' }, 'invalid secret: rawValue: must be base64'],
    [{ name: 'a', value: 5 }, 'invalid secret: value: must be a string'],
  ])('refuses %j with 400', (body, message) => {
    expect(failure(() => parseSecret(body))).toEqual({ status: 400, message });
  });
});

describe('parseDeleteSecretRequest', () => {
  it('accepts a name', () => {
    expect(parseDeleteSecretRequest({ name: 'a' })).toEqual({ name: 'a' });
  });
  it('refuses a missing name', () => {
    expect(failure(() => parseDeleteSecretRequest({}))).toEqual({
      status: 400,
      message: 'invalid delete secret request: name: required',
    });
  });
});

describe('parseLogQuery', () => {
  it('reads every parameter', () => {
    expect(
      parseLogQuery({
        name: 'cat',
        namespace: 'ns',
        instance: 'i1',
        tail: '10',
        follow: 'true',
        since: '2026-01-02T15:04:05Z',
      }),
    ).toEqual({
      name: 'cat',
      namespace: 'ns',
      instance: 'i1',
      tail: 10,
      follow: true,
      since: '2026-01-02T15:04:05Z',
    });
  });
  it('defaults follow to false and treats tail=-1 as all', () => {
    expect(parseLogQuery({ name: 'cat', tail: '-1' })).toEqual({ name: 'cat', follow: false });
  });
  it('refuses a missing name with 400', () => {
    expect(failure(() => parseLogQuery({}))).toEqual({
      status: 400,
      message: 'invalid log query: name: required',
    });
  });
  it.each([
    [{ tail: 'ten' }, 'invalid log query: tail: "ten" must be a whole number'],
    [{ tail: '-5' }, 'invalid log query: tail: "-5" must be a whole number'],
    [{ tail: '0x10' }, 'invalid log query: tail: "0x10" must be a whole number'],
    [{ tail: '1e2' }, 'invalid log query: tail: "1e2" must be a whole number'],
    [
      { since: 'yesterday' },
      'invalid log query: since: "yesterday" must be an RFC 3339 time like 2026-01-02T15:04:05Z',
    ],
    [{ follow: 'maybe' }, 'invalid log query: follow: "maybe" must be true or false'],
  ])('refuses %j with 422', (query, message) => {
    expect(failure(() => parseLogQuery({ name: 'cat', ...query }))).toEqual({ status: 422, message });
  });
});

describe('parseJsonBody', () => {
  it('parses JSON', () => {
    expect(parseJsonBody('{"a":1}')).toEqual({ a: 1 });
  });
  it("refuses malformed JSON with 400 and the parser's reason", () => {
    const { status, message } = failure(() => parseJsonBody('{"a":'));
    expect(status).toBe(400);
    expect(message).toMatch(/^malformed JSON: /);
  });
});
