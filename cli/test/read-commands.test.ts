import { FakeGateway } from './fake-gateway.js';
import { runFaas } from './run-faas.js';

let gw: FakeGateway;
beforeEach(async () => {
  gw = await new FakeGateway().start();
});
afterEach(() => gw.close());

const faas = (args: string[], env: Record<string, string> = {}) =>
  runFaas([...args, '--gateway', gw.url], { env });

describe('faas list', () => {
  it('GETs /system/functions and prints name, invocations and replicas sorted by name', async () => {
    gw.addFunction({ name: 'zeta', invocationCount: 3, replicas: 2 });
    gw.addFunction({ name: 'alpha', invocationCount: 10 });
    const run = await faas(['list']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      'Function  Invocations  Replicas\nalpha     10           1\nzeta      3            2\n',
    );
    expect(gw.calls()).toEqual(['GET /system/functions']);
  });

  it('passes --namespace as ?namespace= and prints JSON with --json', async () => {
    gw.addFunction({ name: 'alpha' });
    const run = await faas(['ls', '-n', 'team-a', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ name: 'alpha', image: 'alpha:latest' }),
    ]);
    expect(gw.calls()).toEqual(['GET /system/functions?namespace=team-a']);
  });

  it('prints only the names with -q, as faas-cli does', async () => {
    gw.addFunction({ name: 'zeta' });
    gw.addFunction({ name: 'alpha' });
    expect(await faas(['list', '-q'])).toEqual({ code: 0, stdout: 'alpha\nzeta\n', stderr: '' });
  });

  it('shows the image and ready replicas with --verbose, sorted by invocations on request', async () => {
    gw.addFunction({ name: 'a', invocationCount: 1, availableReplicas: 0 });
    gw.addFunction({ name: 'b', invocationCount: 5 });
    const run = await faas(['list', '-v', '--sort', 'invocations']);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      'Function  Image     Invocations  Replicas  Ready',
      'b         b:latest  5            1         1',
      'a         a:latest  1            1         0',
    ]);
  });

  it('exits 1 naming the gateway when it cannot be reached', async () => {
    await gw.close();
    const run = await faas(['list']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error: cannot reach the gateway at ${gw.url}: .*ECONNREFUSED`));
  });

  it('says to log in when the gateway answers 401', async () => {
    gw.auth = { user: 'admin', password: 'secret' };
    const run = await faas(['list']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: list functions: unauthorized (401); run `faas login` for this gateway\n');
  });

  it('uses $OPENFAAS_URL when no --gateway is given', async () => {
    const run = await runFaas(['list'], { env: { OPENFAAS_URL: gw.url } });
    expect(run.code).toBe(0);
    expect(gw.calls()).toEqual(['GET /system/functions']);
  });
});

describe('faas describe', () => {
  it('GETs the status with usage=1, then the list for the invocation count', async () => {
    gw.addFunction({
      name: 'hello',
      invocationCount: 7,
      envProcess: 'cat',
      secrets: ['api-key'],
      usage: { totalMemoryBytes: 47_185_920 },
    });
    const run = await faas(['describe', 'hello']);
    expect(run.code).toBe(0);
    expect(gw.calls()).toEqual(['GET /system/function/hello?usage=1', 'GET /system/functions']);
    expect(run.stdout).toContain('Status:             Ready\n');
    expect(run.stdout).toContain('Invocations:        7\n');
    expect(run.stdout).toContain('Function process:   cat\n');
    expect(run.stdout).toContain(`URL:                ${gw.url}/function/hello\n`);
    expect(run.stdout).toContain(`Async URL:          ${gw.url}/async-function/hello\n`);
    expect(run.stdout).toContain('Secrets:            api-key\n');
    expect(run.stdout).toContain('Usage:              memory=45.0 MiB\n');
  });

  it('says Not Ready when no replica is available, and names the namespace in URLs', async () => {
    gw.addFunction({ name: 'hello', availableReplicas: 0, namespace: 'team-a' });
    const run = await faas(['describe', 'hello', '-n', 'team-a']);
    expect(run.stdout).toContain('Status:             Not Ready\n');
    expect(run.stdout).toContain(`URL:                ${gw.url}/function/hello.team-a\n`);
    expect(gw.calls()[0]).toBe('GET /system/function/hello?namespace=team-a&usage=1');
  });

  it("adds the provider's reason to Not Ready when the status carries one", async () => {
    gw.addFunction({
      name: 'crashes',
      availableReplicas: 0,
      notReadyReason: 'replica exited unexpectedly (exit code 1)',
    });
    const run = await faas(['describe', 'crashes']);
    expect(run.stdout).toContain(
      'Status:             Not Ready (replica exited unexpectedly (exit code 1))\n',
    );
  });

  it('exits 1 with "no such function" on 404', async () => {
    const run = await faas(['describe', 'nope']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'error: no such function: nope\n' });
  });

  it('exits 2 without a name', async () => {
    const run = await faas(['describe']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: missing the function name\n\nfaas describe:/);
  });
});

describe('faas namespaces and version', () => {
  it('lists namespaces from GET /system/namespaces', async () => {
    const run = await faas(['namespaces']);
    expect(run).toEqual({ code: 0, stdout: 'openfaas-fn\n', stderr: '' });
    expect(gw.calls()).toEqual(['GET /system/namespaces']);
  });

  it('prints the CLI, gateway and provider versions from GET /system/info', async () => {
    const run = await faas(['version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^faas CLI\n version: +0\.1\.0\nGateway\n/);
    expect(run.stdout).toContain(' version:       0.2.0\n');
    expect(run.stdout).toContain(' orchestration: swarm\n');
    expect(gw.calls()).toEqual(['GET /system/info']);
  });

  it("prints the bare version with faas-cli's --short-version, and accepts --warn-update=false", async () => {
    expect(await faas(['version', '--short-version', '--warn-update=false'])).toEqual({
      code: 0,
      stdout: '0.1.0\n',
      stderr: '',
    });
    expect(gw.requests).toEqual([]);
  });

  it('prints only the client with --client, without calling the gateway', async () => {
    const run = await faas(['version', '--client', '--json']);
    expect(JSON.parse(run.stdout)).toEqual({ client: { version: '0.1.0' } });
    expect(gw.calls()).toEqual([]);
  });
});

describe('faas logs', () => {
  const line = (text: string, instance = 'hello-1') => ({
    name: 'hello',
    namespace: 'openfaas-fn',
    instance,
    timestamp: '2026-11-20T10:00:00.250Z',
    text,
  });

  it('follows by default, as faas-cli does, and prints "<time> <text>" lines', async () => {
    gw.logLines = [line('Forking fprocess.'), line('Wrote 5 Bytes - Duration: 0.01s')];
    const run = await faas(['logs', 'hello']);
    expect(run).toEqual({
      code: 0,
      stdout:
        '2026-11-20T10:00:00Z Forking fprocess.\n2026-11-20T10:00:00Z Wrote 5 Bytes - Duration: 0.01s\n',
      stderr: '',
    });
    expect(gw.requests[0]?.query).toEqual({ name: 'hello', follow: 'true' });
  });

  it("takes faas-cli's flags: --tail=false, --lines, --name, --instance, --time-format, -n", async () => {
    gw.logLines = [line('one', 'hello-1'), line('two', 'hello-2')];
    const run = await faas([
      'logs',
      'hello',
      '--tail=false',
      '--lines',
      '10',
      '--name',
      '--instance',
      '--time-format',
      '15:04:05.000',
      '-n',
      'openfaas-fn',
      '--replica',
      'hello-1',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('10:00:00.250 hello (hello-1) one\n10:00:00.250 hello (hello-2) two\n');
    expect(gw.requests[0]?.query).toEqual({
      name: 'hello',
      namespace: 'openfaas-fn',
      instance: 'hello-1',
      tail: '10',
      follow: 'false',
    });
  });

  it('prints the JSON lines a watchdog logs as readable text, other text as it came', async () => {
    gw.logLines = [
      line('{"level":30,"time":1795000000000,"name":"watchdog","msg":"stderr: boom","pid":7}\n'),
      line('{"level":40,"time":1795000000000,"name":"watchdog","msg":"timed out","after":"5s"}'),
      line('{"order":42}'),
      line('plain text\r\n'),
    ];
    const run = await faas(['logs', 'hello', '--time-format=']);
    expect(run.stdout).toBe(
      'INFO watchdog: stderr: boom\nWARN watchdog: timed out after=5s\n{"order":42}\nplain text\n',
    );
  });

  it.each([[['--output', 'json']], [['-o=json']], [['--json']], [['-j']]])(
    'prints the messages as the gateway sent them with %j',
    async (flags) => {
      const message = line('{"level":30,"msg":"raw"}');
      gw.logLines = [message];
      const run = await faas(['logs', 'hello', ...flags]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual(message);
    },
  );

  it('prints key="value" pairs with --output keyvalue', async () => {
    gw.logLines = [line('say "hi"')];
    const run = await faas(['logs', 'hello', '-o', 'keyvalue', '--name']);
    expect(run.stdout).toBe('timestamp="2026-11-20T10:00:00Z" name="hello" text="say \\"hi\\""\n');
  });

  it('turns --since 10m and --since-time into RFC 3339 times', async () => {
    const before = Date.now();
    await faas(['logs', 'hello', '--since', '10m']);
    const since = Date.parse(gw.requests[0]?.query.since ?? '');
    expect(before - since).toBeGreaterThanOrEqual(600_000 - 50);
    expect(before - since).toBeLessThan(605_000);
    await faas(['logs', 'hello', '--since-time', '2026-01-02T15:04:05+01:00']);
    expect(gw.requests[1]?.query.since).toBe('2026-01-02T14:04:05.000Z');
  });

  it('treats --lines 0 and negative counts as "all lines"', async () => {
    await faas(['logs', 'hello', '--lines', '-1']);
    await faas(['logs', 'hello', '--lines=0']);
    expect(gw.requests.map((r) => r.query.tail)).toEqual([undefined, undefined]);
  });

  it.each([
    [
      ['--tail', '10'],
      /^error: unexpected "10": --tail follows the log \(as in faas-cli\); for the last 10 lines use --lines 10\n/,
    ],
    [['--lines', 'ten'], /^error: --lines must be a whole number, got "ten"/],
    [['--since', 'yesterday'], /--since takes a duration/],
    [['--since-time', '10m'], /--since-time takes an RFC 3339 time/],
    [['--since', '1m', '--since-time', '2026-01-02T15:04:05Z'], /give --since or --since-time, not both/],
    [['--output', 'yaml'], /--output must be plain, keyvalue or json, got "yaml"/],
    [['--tail=sometimes'], /--tail takes true or false, got "sometimes"/],
  ])('refuses %j with exit 2 and a sentence', async (flags, message) => {
    const run = await faas(['logs', 'hello', ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain("as in '--");
    expect(gw.requests).toEqual([]);
  });

  it('reports a 501 from a provider without logs', async () => {
    gw.overrides.push({ method: 'GET', path: '/system/logs', status: 501, body: 'Not implemented.' });
    const run = await faas(['logs', 'hello']);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: logs of hello: the gateway answered 501: Not implemented.\n',
    });
  });
});
