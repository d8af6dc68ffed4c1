import { parseFunctionDeployment } from './function-deployment.js';
import { FaasError } from '../errors.js';

const valid = { service: 'cat', image: 'faas/cat:latest' };

function problemsOf(body: unknown): string[] {
  try {
    parseFunctionDeployment(body);
  } catch (err) {
    expect(err).toBeInstanceOf(FaasError);
    expect((err as FaasError).status).toBe(400);
    return (err as FaasError).problems.map((p) => `${p.field}: ${p.message}`);
  }
  return [];
}

describe('parseFunctionDeployment', () => {
  it('returns the minimal deployment unchanged', () => {
    expect(parseFunctionDeployment(valid)).toEqual(valid);
  });

  it('keeps every field of a full deployment', () => {
    const full = {
      ...valid,
      namespace: 'openfaas-fn',
      envProcess: 'cat',
      envVars: { write_debug: 'true', 'my.var': 'x' },
      constraints: ['node.platform.os == linux'],
      secrets: ['api-key', 'db.password'],
      labels: { 'com.openfaas.scale.min': '2', team: 'a' },
      annotations: { topic: 'x y z', 'example.com/owner': 'me <me@example.com>' },
      limits: { memory: '128Mi', cpu: '500m' },
      requests: { memory: '5Mi', cpu: '0.1' },
      readOnlyRootFilesystem: true,
      registryAuth: 'dXNlcjpwYXNz',
      network: 'functions',
    };
    expect(parseFunctionDeployment(full)).toEqual(full);
  });

  it('treats null optional fields as absent', () => {
    const withNulls = {
      ...valid,
      namespace: null,
      envVars: null,
      labels: null,
      annotations: null,
      limits: null,
      secrets: null,
      readOnlyRootFilesystem: null,
    };
    expect(parseFunctionDeployment(withNulls)).toEqual(valid);
  });

  it('ignores fields it does not know', () => {
    expect(parseFunctionDeployment({ ...valid, futureField: 1 })).toEqual(valid);
  });

  it.each([
    ['a missing service', { image: 'x' }, 'service: required'],
    ['a missing image', { service: 'cat' }, 'image: required'],
    [
      'an upper-case name',
      { ...valid, service: 'Cat' },
      'service: must be lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
    ],
    [
      'a 64-character name',
      { ...valid, service: 'a'.repeat(64) },
      'service: must be lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
    ],
    [
      'a name with a dot',
      { ...valid, service: 'cat.dog' },
      'service: must be lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
    ],
    ['a numeric image', { ...valid, image: 7 }, 'image: must be a string'],
    [
      'a bad namespace',
      { ...valid, namespace: 'Team_A' },
      'namespace: must be lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
    ],
    [
      'an env var name with a space',
      { ...valid, envVars: { 'MY VAR': 'x' } },
      'envVars.MY VAR: key must start with a letter, "_", "-" or "." and contain only letters, digits, "_", "-" and "."',
    ],
    [
      'an env var name starting with a digit',
      { ...valid, envVars: { '1PATH': 'x' } },
      'envVars.1PATH: key must start with a letter, "_", "-" or "." and contain only letters, digits, "_", "-" and "."',
    ],
    ['a numeric env var value', { ...valid, envVars: { PORT: 80 } }, 'envVars.PORT: must be a string'],
    ['envVars as an array', { ...valid, envVars: ['a=b'] }, 'envVars: must be an object of string values'],
    [
      'a label key with a space',
      { ...valid, labels: { 'my label': 'x' } },
      'labels.my label: key must be a name of at most 63 characters (letters, digits, "-", "_", "."), optionally prefixed by a DNS subdomain and "/"',
    ],
    [
      'a label key with a bad prefix',
      { ...valid, labels: { 'Bad_Prefix/x': 'y' } },
      'labels.Bad_Prefix/x: key must be a name of at most 63 characters (letters, digits, "-", "_", "."), optionally prefixed by a DNS subdomain and "/"',
    ],
    [
      'a label value with a space',
      { ...valid, labels: { team: 'a b' } },
      'labels.team: value "a b" must be at most 63 characters, letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
    ],
    [
      'a 64-character label value',
      { ...valid, labels: { team: 'a'.repeat(64) } },
      `labels.team: value "${'a'.repeat(64)}" must be at most 63 characters, letters, digits, "-", "_" and ".", starting and ending with a letter or digit`,
    ],
    [
      'an annotation key with a space',
      { ...valid, annotations: { 'a b': 'x' } },
      'annotations.a b: key must be a name of at most 63 characters (letters, digits, "-", "_", "."), optionally prefixed by a DNS subdomain and "/"',
    ],
    [
      'a secret name with upper case',
      { ...valid, secrets: ['API_KEY'] },
      'secrets[0]: "API_KEY" must be lower-case letters, digits, "-" and "." (a DNS-1123 subdomain), at most 253 characters',
    ],
    ['a secret listed twice', { ...valid, secrets: ['a', 'a'] }, 'secrets[1]: "a" is listed twice'],
    ['secrets as a string', { ...valid, secrets: 'a' }, 'secrets: must be an array of strings'],
    ['a constraint that is not a string', { ...valid, constraints: [1] }, 'constraints[0]: must be a string'],
    [
      'a memory limit with a space',
      { ...valid, limits: { memory: '5 GB' } },
      'limits.memory: "5 GB" is not a quantity, use e.g. 128Mi, 1Gi or 256m',
    ],
    [
      'a memory request in parsecs',
      { ...valid, requests: { memory: '5pc' } },
      'requests.memory: "5pc" is not a quantity, use e.g. 128Mi, 1Gi or 256m',
    ],
    [
      'a cpu limit in words',
      { ...valid, limits: { cpu: 'half' } },
      'limits.cpu: "half" is not a CPU quantity, use e.g. 0.5, 1 or 500m',
    ],
    ['a numeric cpu', { ...valid, limits: { cpu: 1 } }, 'limits.cpu: must be a string'],
    [
      'limits as a string',
      { ...valid, limits: '128Mi' },
      'limits: must be an object like {"memory":"128Mi","cpu":"100m"}',
    ],
    [
      'readOnlyRootFilesystem as a string',
      { ...valid, readOnlyRootFilesystem: 'yes' },
      'readOnlyRootFilesystem: must be true or false',
    ],
    [
      'oversized annotations',
      { ...valid, annotations: { big: 'x'.repeat(256 * 1024) } },
      'annotations: must be at most 262144 bytes in total',
    ],
  ])('refuses %s', (_what, body, problem) => {
    expect(problemsOf(body)).toEqual([problem]);
  });

  it.each([
    ['memory', '128Mi'],
    ['memory', '1Gi'],
    ['memory', '1G'],
    ['memory', '256m'],
    ['memory', '512mb'],
    ['memory', '1.5Gi'],
    ['memory', '1048576'],
    ['cpu', '0.5'],
    ['cpu', '500m'],
    ['cpu', '2'],
  ])('accepts %s %s', (key, value) => {
    expect(parseFunctionDeployment({ ...valid, limits: { [key]: value } }).limits).toEqual({ [key]: value });
  });

  it.each([
    ['prefixed label key', { labels: { 'example.com/team': 'a' } }],
    ['empty label value', { labels: { flag: '' } }],
    ['env var with dots and dashes', { envVars: { 'a.b-c': '' } }],
    ['secret with a dot', { secrets: ['db.password'] }],
    ['63-character name', { service: 'a'.repeat(63) }],
  ])('accepts a %s', (_what, extra) => {
    expect(() => parseFunctionDeployment({ ...valid, ...extra })).not.toThrow();
  });

  it('lists every bad field in one error', () => {
    expect(problemsOf({ service: 'Bad Name', limits: { memory: '5 GB' } })).toEqual([
      'service: must be lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
      'image: required',
      'limits.memory: "5 GB" is not a quantity, use e.g. 128Mi, 1Gi or 256m',
    ]);
  });

  it('names the problems in the message, on one line', () => {
    expect(() => parseFunctionDeployment({ service: 'cat' })).toThrow(
      'invalid function deployment: image: required',
    );
  });

  it.each([[null], [[]], ['cat'], [7]])('refuses a body that is not an object: %j', (body) => {
    expect(() => parseFunctionDeployment(body)).toThrow(
      'invalid function deployment: body must be a JSON object',
    );
  });
});
