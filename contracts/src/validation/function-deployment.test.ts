import { parseFunctionDeployment } from './function-deployment.js';
import { FaasError } from '../errors.js';
import { rules } from './rules.js';

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

describe('parseFunctionDeployment against hostile input', () => {
  it.each([
    [
      'a NUL in an envVars value',
      { ...valid, envProcess: 'cat', envVars: { X: 'a\u0000b' } },
      'envVars.X: value must not contain control characters other than tab and line breaks (found U+0000 at character 2)',
    ],
    [
      'a NUL in envProcess',
      { ...valid, envProcess: 'cat\u0000' },
      'envProcess: must not contain control characters (found U+0000 at character 4)',
    ],
    [
      'a line break in envProcess',
      { ...valid, envProcess: 'cat\n-n' },
      'envProcess: must not contain control characters (found U+000A at character 4)',
    ],
    [
      'a carriage return in the image',
      { ...valid, image: 'faas/cat\r' },
      'image: must not contain control characters (found U+000D at character 9)',
    ],
    [
      'a C1 control character in the image',
      { ...valid, image: 'faas/\u0085cat' },
      'image: must not contain control characters (found U+0085 at character 6)',
    ],
    [
      'an escape character in an annotation',
      { ...valid, annotations: { note: 'red \u001b[31m' } },
      'annotations.note: value must not contain control characters other than tab and line breaks (found U+001B at character 5)',
    ],
    [
      'a NUL in a constraint',
      { ...valid, constraints: ['node.role == manager\u0000'] },
      'constraints[0]: must not contain control characters (found U+0000 at character 21)',
    ],
    [
      'a line break in the network',
      { ...valid, network: 'func\ntions' },
      'network: must not contain control characters (found U+000A at character 5)',
    ],
    [
      'a NUL in registryAuth',
      { ...valid, registryAuth: 'dXNl\u0000' },
      'registryAuth: must not contain control characters (found U+0000 at character 5)',
    ],
    [
      'a 100,000-character image',
      { ...valid, image: 'x'.repeat(100_000) },
      'image: must be at most 512 characters (got 100000)',
    ],
    [
      'a 5,000-character envProcess',
      { ...valid, envProcess: 'x'.repeat(5_000) },
      'envProcess: must be at most 4096 characters (got 5000)',
    ],
    [
      '5,000 envVars',
      { ...valid, envVars: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`V${i}`, 'x'])) },
      'envVars: must have at most 256 entries (got 5000)',
    ],
    [
      'envVars larger than 256 KiB in total',
      { ...valid, envVars: { A: 'x'.repeat(200_000), B: 'y'.repeat(100_000) } },
      'envVars: must be at most 262144 bytes in total',
    ],
    [
      '20,000 labels',
      { ...valid, labels: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`l${i}`, 'x'])) },
      'labels: must have at most 128 entries (got 20000)',
    ],
    [
      '129 annotations',
      { ...valid, annotations: Object.fromEntries(Array.from({ length: 129 }, (_, i) => [`a${i}`, 'x'])) },
      'annotations: must have at most 128 entries (got 129)',
    ],
    [
      '65 secrets',
      { ...valid, secrets: Array.from({ length: 65 }, (_, i) => `s${i}`) },
      'secrets: must have at most 64 entries (got 65)',
    ],
    [
      '33 constraints',
      { ...valid, constraints: Array.from({ length: 33 }, (_, i) => `node.labels.n${i} == x`) },
      'constraints: must have at most 32 entries (got 33)',
    ],
    [
      'a 257-character constraint',
      { ...valid, constraints: ['x'.repeat(257)] },
      'constraints[0]: must be at most 256 characters (got 257)',
    ],
    [
      'a hexadecimal scale label',
      { ...valid, labels: { 'com.openfaas.scale.min': '0x10' } },
      'labels.com.openfaas.scale.min: "0x10" is not a whole number from 0 to 1000',
    ],
    [
      'a scale label in exponent notation',
      { ...valid, labels: { 'com.openfaas.scale.max': '1e1' } },
      'labels.com.openfaas.scale.max: "1e1" is not a whole number from 1 to 1000',
    ],
    [
      'a minimum scale above the maximum',
      { ...valid, labels: { 'com.openfaas.scale.min': '9', 'com.openfaas.scale.max': '3' } },
      'labels.com.openfaas.scale.min: 9 is above com.openfaas.scale.max 3',
    ],
    [
      'a zero-duration that is not a duration',
      { ...valid, labels: { 'com.openfaas.scale.zero-duration': 'soon' } },
      'labels.com.openfaas.scale.zero-duration: "soon" is not a duration like 15m',
    ],
  ])('refuses %s, naming the field', (_what, body, problem) => {
    expect(problemsOf(body)).toEqual([problem]);
  });

  it.each([
    [
      'line breaks and tabs in an envVars value (a PEM file)',
      { envVars: { CERT: '-----BEGIN-----\r\n\tAA==\n' } },
    ],
    ['line breaks in an annotation', { annotations: { note: 'line one\nline two' } }],
    ['a 512-character image', { image: 'x'.repeat(512) }],
    ['256 envVars', { envVars: Object.fromEntries(Array.from({ length: 256 }, (_, i) => [`V${i}`, 'x'])) }],
    ['128 labels', { labels: Object.fromEntries(Array.from({ length: 128 }, (_, i) => [`l${i}`, 'x'])) }],
    ['64 secrets', { secrets: Array.from({ length: 64 }, (_, i) => `s${i}`) }],
    [
      'whole-number scale labels',
      { labels: { 'com.openfaas.scale.min': '0', 'com.openfaas.scale.max': '010' } },
    ],
  ])('accepts %s', (_what, extra) => {
    expect(() => parseFunctionDeployment({ ...valid, ...extra })).not.toThrow();
  });

  it('shows a bad map key with its control characters escaped and long values shortened', () => {
    expect(problemsOf({ ...valid, labels: { 'a\u0000b': 'x'.repeat(300) } })).toEqual([
      `labels.a\\u0000b: key ${rules.labelKey.message}`,
      `labels.a\\u0000b: value "${'x'.repeat(100)}…" ${rules.labelValue.message}`,
    ]);
  });

  it('lists at most 20 problems in the message and counts the rest', () => {
    const body = {
      ...valid,
      envVars: Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`V${i}`, '\u0000'])),
    };
    let error: FaasError | undefined;
    try {
      parseFunctionDeployment(body);
    } catch (err) {
      error = err as FaasError;
    }
    expect(error?.problems).toHaveLength(25);
    expect(error?.message.split('; ')).toHaveLength(21);
    expect(error?.message).toMatch(
      /; envVars\.V19: value must not contain control characters [^;]*; and 5 more$/,
    );
  });
});
