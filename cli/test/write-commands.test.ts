import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeGateway } from './fake-gateway.js';
import { runFaas } from './run-faas.js';
import type { RunOptions } from './run-faas.js';

let gw: FakeGateway;
beforeEach(async () => {
  gw = await new FakeGateway().start();
  gw.addFunction({ name: 'echo' });
});
afterEach(() => gw.close());

const faas = (args: string[], options: RunOptions = {}) => runFaas([...args, '--gateway', gw.url], options);

describe('faas invoke', () => {
  it('POSTs stdin to /function/NAME with text/plain and prints the body', async () => {
    const run = await faas(['invoke', 'echo'], { stdin: 'hello' });
    expect(run).toEqual({ code: 0, stdout: 'POST hello', stderr: '' });
    const req = gw.requests[0]!;
    expect([req.method, req.path, req.body, req.headers['content-type']]).toEqual([
      'POST',
      '/function/echo',
      'hello',
      'text/plain',
    ]);
    expect(req.headers.authorization).toBeUndefined();
  });

  it('sends --method, --header, --query and --content-type, and the namespace in the name', async () => {
    const run = await faas(
      [
        'invoke',
        'echo',
        '-m',
        'put',
        '-H',
        'X-Trace=1',
        '--header',
        'X-Other: two',
        '--query',
        'a=1',
        '--query',
        'b=x y',
        '--content-type',
        'application/json',
        '-n',
        'team-a',
      ],
      { stdin: '{}' },
    );
    expect(run.code).toBe(0);
    const req = gw.requests[0]!;
    expect([req.method, req.path, req.query]).toEqual(['PUT', '/function/echo.team-a', { a: '1', b: 'x y' }]);
    expect([req.headers['x-trace'], req.headers['x-other'], req.headers['content-type']]).toEqual([
      '1',
      'two',
      'application/json',
    ]);
  });

  it('signs the body with --sign HEADER --key KEY as faas-cli does (sha1=<hex HMAC-SHA1>)', async () => {
    const run = await faas(['invoke', 'echo', '--sign', 'X-Hub-Signature', '--key', 's3cret'], {
      stdin: 'hello',
    });
    expect(run.code).toBe(0);
    // HMAC-SHA1("hello", key "s3cret"), as `printf hello | openssl dgst -sha1 -hmac s3cret` prints it.
    const expected = execFileSync('openssl', ['dgst', '-sha1', '-hmac', 's3cret'], {
      input: 'hello',
      encoding: 'utf8',
    })
      .trim()
      .split(' ')
      .pop();
    expect(gw.requests[0]?.headers['x-hub-signature']).toBe(`sha1=${expected}`);
    const alone = await faas(['invoke', 'echo', '--sign', 'X-Hub-Signature'], { stdin: 'x' });
    expect(alone).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^error: --sign and --key go together\n/),
    });
  });

  it('sends no body with GET and does not read stdin', async () => {
    const run = await faas(['invoke', 'echo', '--method', 'GET'], { stdin: 'ignored', stdinIsTTY: true });
    expect(run).toEqual({ code: 0, stdout: 'GET ', stderr: '' });
  });

  it('says it reads stdin when stdin is a terminal', async () => {
    const run = await faas(['invoke', 'echo'], { stdin: 'x', stdinIsTTY: true });
    expect(run.stderr).toBe('Reading from STDIN - hit (Control + D) to stop.\n');
  });

  it('queues with --async: POST /async-function/NAME, prints the call id', async () => {
    const run = await faas(['invoke', 'echo', '--async'], { stdin: 'later' });
    expect(run).toEqual({ code: 0, stdout: 'call-123\n', stderr: 'Function submitted asynchronously.\n' });
    expect(gw.calls()).toEqual(['POST /async-function/echo']);
  });

  it.each([
    [404, 'No such function: nope', 'nope'],
    [500, 'boom', 'echo'],
  ])('exits 1 when the function answers %i', async (status, body, name) => {
    if (status === 500) gw.overrides.push({ method: 'POST', path: '/function/echo', status, body });
    const run = await faas(['invoke', name], { stdin: '' });
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: Server returned unexpected status code: ${status} - ${body}\n`,
    });
  });

  it('refuses an unknown method with exit 2 before calling the gateway', async () => {
    const run = await faas(['invoke', 'echo', '-m', 'BREW']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --method must be one of GET, POST/);
    expect(gw.requests).toEqual([]);
  });
});

describe('faas remove', () => {
  it('DELETEs /system/functions with {functionName, namespace} for each name', async () => {
    gw.addFunction({ name: 'other' });
    const run = await faas(['remove', 'echo', 'other', '-n', 'openfaas-fn']);
    expect(run).toEqual({ code: 0, stdout: 'Removed echo.\nRemoved other.\n', stderr: '' });
    expect(gw.requests.map((r) => [r.method, r.path, JSON.parse(r.body)])).toEqual([
      ['DELETE', '/system/functions', { functionName: 'echo', namespace: 'openfaas-fn' }],
      ['DELETE', '/system/functions', { functionName: 'other', namespace: 'openfaas-fn' }],
    ]);
  });

  it('says "No existing function to remove" and exits 1 on 404', async () => {
    const run = await faas(['rm', 'ghost']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'error: No existing function to remove: ghost\n' });
  });

  it('removes every function of a stack file, filtered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-rm-'));
    writeFileSync(join(dir, 'stack.yml'), 'functions:\n  echo:\n    image: echo\n  keep:\n    image: keep\n');
    gw.addFunction({ name: 'keep' });
    const run = await faas(['remove', '--filter', 'e*o'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(gw.requests.map((r) => JSON.parse(r.body).functionName)).toEqual(['echo']);
    expect(gw.functions.has('keep')).toBe(true);
  });
});

describe('faas scale', () => {
  it('POSTs /system/scale-function/NAME with {serviceName, replicas, namespace}', async () => {
    const run = await faas(['scale', 'echo', '--replicas', '0', '-n', 'openfaas-fn']);
    expect(run).toEqual({ code: 0, stdout: 'Scaled echo to 0 replicas.\n', stderr: '' });
    const req = gw.requests[0]!;
    expect([req.method, req.path, req.query, JSON.parse(req.body)]).toEqual([
      'POST',
      '/system/scale-function/echo',
      { namespace: 'openfaas-fn' },
      { serviceName: 'echo', replicas: 0, namespace: 'openfaas-fn' },
    ]);
    expect(gw.functions.get('echo')?.replicas).toBe(0);
  });

  it.each([
    [['scale', 'echo'], /missing --replicas N/],
    [['scale', 'echo', '-r', 'many'], /--replicas must be a whole number/],
    [['scale', 'echo', '-r', '5000'], /--replicas must be between 0 and 1000/],
  ])('refuses %j with exit 2', async (args, message) => {
    const run = await faas(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('exits 1 for an unknown function', async () => {
    const run = await faas(['scale', 'ghost', '-r', '2']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'error: no such function: ghost\n' });
  });
});
