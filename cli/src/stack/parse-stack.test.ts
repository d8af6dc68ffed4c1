import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStack } from './parse-stack.js';
import { StackError, formatProblem } from './stack-error.js';

const dir = mkdtempSync(join(tmpdir(), 'faas-stack-'));
const path = join(dir, 'stack.yml');

function parse(text: string, env: Record<string, string> = {}) {
  return parseStack(text, { path, env, displayName: 'stack.yml' });
}

/** The formatted problems of a stack that must not parse. */
function problemsOf(text: string, env: Record<string, string> = {}): string[] {
  try {
    parse(text, env);
  } catch (err) {
    if (err instanceof StackError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error('expected a StackError');
}

const full = `version: 1.0
provider:
  name: openfaas
  gateway: http://127.0.0.1:8080
functions:
  hello:
    lang: node
    handler: ./hello
    image: \${REGISTRY:-local}/hello:\${TAG:-latest}
    fprocess: node index.js
    namespace: team-a
    environment:
      write_debug: true
      PORT: 3000
    labels:
      com.openfaas.scale.min: 2
    annotations:
      topic: orders
    secrets:
      - api-key
    constraints:
      - node.platform.os == linux
    limits:
      memory: 128Mi
      cpu: 500m
    requests:
      memory: 64Mi
      cpu: 0.1
    readonly_root_filesystem: true
    build_args:
      NODE_ENV: production
  figlet:
    image: functions/figlet:latest
    skip_build: true
`;

describe('parseStack', () => {
  it('reads every faas-cli field of a valid stack file', () => {
    const stack = parse(full, { TAG: '1.2' });
    expect(stack.providerName).toBe('openfaas');
    expect(stack.gateway).toBe('http://127.0.0.1:8080');
    expect(stack.warnings).toEqual([]);
    expect(stack.functions).toEqual([
      {
        name: 'hello',
        lang: 'node',
        handler: './hello',
        handlerPath: join(dir, 'hello'),
        image: 'local/hello:1.2',
        fprocess: 'node index.js',
        namespace: 'team-a',
        environment: { write_debug: 'true', PORT: '3000' },
        labels: { 'com.openfaas.scale.min': '2' },
        annotations: { topic: 'orders' },
        secrets: ['api-key'],
        constraints: ['node.platform.os == linux'],
        limits: { memory: '128Mi', cpu: '500m' },
        requests: { memory: '64Mi', cpu: '0.1' },
        readOnlyRootFilesystem: true,
        buildArgs: { NODE_ENV: 'production' },
        line: 6,
      },
      { name: 'figlet', image: 'functions/figlet:latest', skipBuild: true, line: 32 },
    ]);
  });

  it('substitutes ${VAR} in keys and values, with defaults', () => {
    const stack = parse(
      'functions:\n  ${PREFIX}-fn:\n    image: ${USER}/fn\n    environment:\n      MODE: ${MODE:-fast}\n',
      { PREFIX: 'dev', USER: 'alice' },
    );
    expect(stack.functions[0]).toMatchObject({
      name: 'dev-fn',
      image: 'alice/fn',
      environment: { MODE: 'fast' },
    });
  });

  it('merges environment_file entries over inline environment, as faas-cli does', () => {
    writeFileSync(join(dir, 'env.yml'), 'environment:\n  A: from-file\n  C: ${C_VALUE}\n');
    const stack = parse(
      'functions:\n  fn:\n    image: fn\n    environment:\n      A: inline\n      B: inline\n    environment_file:\n      - env.yml\n',
      { C_VALUE: 'c' },
    );
    expect(stack.functions[0]?.environment).toEqual({ A: 'from-file', B: 'inline', C: 'c' });
  });

  it('warns about unknown fields instead of failing', () => {
    const stack = parse('functions:\n  fn:\n    image: fn\n    imagee: typo\nextra: 1\n');
    expect(stack.warnings).toEqual([
      'stack.yml:5: extra: unknown field, ignored',
      'stack.yml:4: functions.fn.imagee: unknown field, ignored',
    ]);
  });

  it('expands YAML anchors and merge keys', () => {
    const stack = parse(
      'x-common: &common\n  image: shared\n  environment:\n    A: "1"\nfunctions:\n  a:\n    <<: *common\n  b:\n    <<: *common\n    image: own\n',
    );
    expect(stack.functions.map((f) => [f.name, f.image, f.environment])).toEqual([
      ['a', 'shared', { A: '1' }],
      ['b', 'own', { A: '1' }],
    ]);
  });

  it.each([
    ['a YAML syntax error', 'functions:\n  fn:\n    image: [unclosed\n', [/^stack\.yml:4: .*flow sequence/i]],
    [
      'a missing functions map',
      'version: 1.0\n',
      ['stack.yml: functions: required: a map of function name → settings'],
    ],
    [
      'an unsupported version',
      'version: 2.0\nfunctions: {}\n',
      ['stack.yml:1: version: "2.0" is not supported, use 1.0'],
    ],
    [
      'a missing image',
      'functions:\n  fn:\n    lang: node\n    handler: ./fn\n',
      ['stack.yml:2: functions.fn.image: required'],
    ],
    [
      'a lang without handler',
      'functions:\n  fn:\n    lang: node\n    image: fn\n',
      ['stack.yml:2: functions.fn.handler: required when lang is set (the folder with the node handler)'],
    ],
    [
      'an invalid function name',
      'functions:\n  Hello_World:\n    image: fn\n',
      [
        'stack.yml:2: functions.Hello_World: the function name must be lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
      ],
    ],
    [
      'a bad memory limit',
      'functions:\n  fn:\n    image: fn\n    limits:\n      memory: lots\n',
      ['stack.yml:5: functions.fn.limits.memory: "lots" is not a quantity, use e.g. 128Mi, 1Gi or 256m'],
    ],
    [
      'an unknown resource',
      'functions:\n  fn:\n    image: fn\n    limits:\n      gpu: 1\n',
      ['stack.yml:5: functions.fn.limits.gpu: unknown resource, use memory or cpu'],
    ],
    [
      'secrets that are not a list',
      'functions:\n  fn:\n    image: fn\n    secrets: api-key\n',
      ['stack.yml:4: functions.fn.secrets: must be a list (- item)'],
    ],
    [
      'a bad secret name',
      'functions:\n  fn:\n    image: fn\n    secrets:\n      - Bad_Name\n',
      [/^stack\.yml:5: functions\.fn\.secrets\[0\]: "Bad_Name" must be lower-case/],
    ],
    [
      'a non-boolean readonly flag',
      'functions:\n  fn:\n    image: fn\n    readonly_root_filesystem: sometimes\n',
      ['stack.yml:4: functions.fn.readonly_root_filesystem: must be true or false'],
    ],
    [
      'a bad environment name',
      'functions:\n  fn:\n    image: fn\n    environment:\n      1BAD: x\n',
      [/^stack\.yml:5: functions\.fn\.environment\.1BAD: key must start with a letter/],
    ],
    [
      'a required variable that is unset',
      'functions:\n  fn:\n    image: ${REGISTRY:?set REGISTRY}/fn\n',
      ['stack.yml:3: functions.fn.image: REGISTRY: set REGISTRY'],
    ],
    [
      'a missing environment file',
      'functions:\n  fn:\n    image: fn\n    environment_file:\n      - nope.yml\n',
      ['stack.yml:4: functions.fn.environment_file: cannot read nope.yml: no such file'],
    ],
    [
      'a function that is not a map',
      'functions:\n  fn: just-a-string\n',
      [
        'stack.yml:2: functions.fn: must be a map of key: value',
        'stack.yml:2: functions.fn: must be a map of settings (lang, handler, image, …)',
      ],
    ],
  ])('refuses %s with its line and field', (_what, text, expected) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((e, i) =>
      typeof e === 'string' ? expect(problems[i]).toBe(e) : expect(problems[i]).toMatch(e),
    );
  });

  it('reports every problem of a file at once', () => {
    const problems = problemsOf(
      'functions:\n  a:\n    lang: node\n  b:\n    image: b\n    limits:\n      cpu: lots\n',
    );
    expect(problems).toEqual([
      'stack.yml:2: functions.a.handler: required when lang is set (the folder with the node handler)',
      'stack.yml:2: functions.a.image: required',
      'stack.yml:7: functions.b.limits.cpu: "lots" is not a CPU quantity, use e.g. 0.5, 1 or 500m',
    ]);
  });
});
