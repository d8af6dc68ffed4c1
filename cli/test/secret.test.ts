import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeGateway } from './fake-gateway.js';
import { runFaas } from './run-faas.js';
import type { RunOptions } from './run-faas.js';

let gw: FakeGateway;
beforeEach(async () => {
  gw = await new FakeGateway().start();
});
afterEach(() => gw.close());

const faas = (args: string[], options: RunOptions = {}) => runFaas([...args, '--gateway', gw.url], options);
const bodies = () => gw.requests.map((r) => [r.method, r.path, JSON.parse(r.body || 'null')]);

describe('faas secret', () => {
  it('creates from a literal: POST /system/secrets {name, namespace, value}', async () => {
    const run = await faas(['secret', 'create', 'api-key', '--from-literal', 's3cret', '-n', 'team-a']);
    expect(run).toEqual({ code: 0, stdout: 'Created secret api-key.\n', stderr: '' });
    expect(bodies()).toEqual([
      ['POST', '/system/secrets', { name: 'api-key', namespace: 'team-a', value: 's3cret' }],
    ]);
  });

  it('creates from stdin without its trailing newline', async () => {
    await faas(['secret', 'create', 'api-key'], { stdin: 's3cret\n' });
    expect(bodies()[0]?.[2]).toEqual({ name: 'api-key', value: 's3cret' });
  });

  it('sends a file as rawValue with its exact bytes', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'faas-secret-')), 'key.bin');
    writeFileSync(file, Buffer.from([0, 255, 10]));
    await faas(['secret', 'create', 'blob', '--from-file', file]);
    expect(bodies()[0]?.[2]).toEqual({
      name: 'blob',
      rawValue: Buffer.from([0, 255, 10]).toString('base64'),
    });
  });

  it('sends non-UTF-8 stdin as rawValue', async () => {
    await faas(['secret', 'create', 'blob'], { stdin: Buffer.from([0xff, 0xfe]) });
    expect(bodies()[0]?.[2]).toEqual({ name: 'blob', rawValue: '//4=' });
  });

  it('exits 1 on 409 and points at update', async () => {
    gw.secrets.set('api-key', 'x');
    const run = await faas(['secret', 'create', 'api-key', '--from-literal', 'y']);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: secret api-key already exists; use `faas secret update api-key`\n',
    });
  });

  it('updates with PUT, and exits 1 on 404 pointing at create', async () => {
    gw.secrets.set('api-key', 'x');
    expect((await faas(['secret', 'update', 'api-key', '--from-literal', 'y'])).code).toBe(0);
    expect(gw.secrets.get('api-key')).toBe('y');
    const missing = await faas(['secret', 'update', 'nope', '--from-literal', 'y']);
    expect(missing).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: secret nope not found; use `faas secret create nope`\n',
    });
    expect(bodies().map(([m]) => m)).toEqual(['PUT', 'PUT']);
  });

  it('lists names (never values), as a table or JSON', async () => {
    gw.secrets.set('api-key', 'x');
    expect((await faas(['secret', 'list'])).stdout).toBe('Name     Namespace\napi-key  openfaas-fn\n');
    expect(JSON.parse((await faas(['secret', 'ls', '--json'])).stdout)).toEqual([
      { name: 'api-key', namespace: 'openfaas-fn' },
    ]);
    expect(gw.calls()).toEqual(['GET /system/secrets', 'GET /system/secrets']);
  });

  it('removes with DELETE {name, namespace}; 404 exits 1', async () => {
    gw.secrets.set('api-key', 'x');
    expect(await faas(['secret', 'remove', 'api-key'])).toEqual({
      code: 0,
      stdout: 'Removed secret api-key.\n',
      stderr: '',
    });
    expect(bodies()).toEqual([['DELETE', '/system/secrets', { name: 'api-key' }]]);
    expect((await faas(['secret', 'rm', 'api-key'])).code).toBe(1);
  });

  it.each([
    [['secret', 'create', 'x', '--from-literal', 'a', '--from-file', 'b'], /not both/],
    [['secret', 'brew'], /unknown command "secret brew"/],
    [['secret', 'create'], /missing the secret name/],
  ])('refuses %j with exit 2', async (args, message) => {
    const run = await faas(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(gw.requests).toEqual([]);
  });

  it('lists its sub-commands for `faas secret`', async () => {
    const run = await runFaas(['secret']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Commands:\n {2}create {2}create a secret\n {2}update/);
  });
});
