import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FakeGateway } from './fake-gateway.js';
import { runFaas, tempConfigHome } from './run-faas.js';

let gw: FakeGateway;
let home: string;
beforeEach(async () => {
  gw = await new FakeGateway().start();
  gw.auth = { user: 'admin', password: 'pa ss:word' };
  home = tempConfigHome();
});
afterEach(() => gw.close());

const faas = (args: string[], stdin?: string) =>
  runFaas([...args, '--gateway', gw.url], { stdin, env: { XDG_CONFIG_HOME: home } });

describe('faas login', () => {
  it('checks the password with GET /system/functions, stores it 0600 and later commands use it', async () => {
    const run = await faas(['login', '--password-stdin'], 'pa ss:word\n');
    const file = join(home, 'faas', 'credentials.json');
    expect(run).toEqual({
      code: 0,
      stdout: `Credentials saved for admin at ${gw.url} (${file}).\n`,
      stderr: '',
    });
    expect(gw.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('admin:pa ss:word').toString('base64')}`,
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'faas')).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, 'utf8')).not.toContain('pa ss:word');
    expect((await faas(['list'])).code).toBe(0);
    expect(gw.requests.at(-1)?.headers.authorization).toMatch(/^Basic /);
  });

  it('never echoes the password', async () => {
    const run = await faas(['login', '-u', 'admin', '--password-stdin'], 'pa ss:word');
    expect(run.stdout + run.stderr).not.toContain('pa ss:word');
  });

  it('exits 1 with "unauthorized" on 401 and stores nothing', async () => {
    const run = await faas(['login', '--password-stdin'], 'wrong');
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: unauthorized: ${gw.url} refused user admin with that password\n`,
    });
    expect(() => statSync(join(home, 'faas', 'credentials.json'))).toThrow();
  });

  it('warns that --password is visible', async () => {
    const run = await faas(['login', '-u', 'admin', '-p', 'pa ss:word']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: --password is visible in shell history/);
  });

  it('refuses to guess where the password is when stdin is not a terminal', async () => {
    const run = await faas(['login']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/give the password with --password-stdin/);
    expect(gw.requests).toEqual([]);
  });

  it('logout forgets the credentials, then says there are none', async () => {
    await faas(['login', '--password-stdin'], 'pa ss:word');
    expect(await faas(['logout'])).toEqual({
      code: 0,
      stdout: `Credentials removed for ${gw.url}.\n`,
      stderr: '',
    });
    expect((await faas(['list'])).code).toBe(1);
    expect((await faas(['logout'])).code).toBe(1);
  });

  it('keeps credentials per gateway, under ~/.faas without XDG_CONFIG_HOME', async () => {
    const run = await runFaas(['login', '--password-stdin', '-g', gw.url], {
      stdin: 'pa ss:word',
      env: { XDG_CONFIG_HOME: undefined, HOME: home },
    });
    expect(run.code).toBe(0);
    expect(statSync(join(home, '.faas', 'credentials.json')).mode & 0o777).toBe(0o600);
  });
});

describe('faas ready', () => {
  beforeEach(() => {
    gw.auth = undefined;
  });

  it('waits for /healthz to answer 200', async () => {
    gw.overrides.push({ method: 'GET', path: '/healthz', status: 503, body: 'provider down' });
    setTimeout(() => gw.overrides.pop(), 60);
    const run = await faas(['ready', '--interval', '20ms', '--attempts', '50']);
    expect(run).toEqual({ code: 0, stdout: `Gateway ${gw.url} is ready.\n`, stderr: '' });
    expect(gw.calls().filter((c) => c === 'GET /healthz').length).toBeGreaterThan(1);
  });

  it('then waits for a named function to have an available replica', async () => {
    gw.readyAfterPolls = 3;
    await faas(['invoke', 'x']); // nothing deployed yet: 404, ignored
    gw.addFunction({ name: 'fn', availableReplicas: 0 });
    const run = await faas(['ready', 'fn', '--interval', '10ms']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Gateway ${gw.url} is ready.\nFunction fn is ready.\n`);
    expect(gw.calls().filter((c) => c === 'GET /system/function/fn').length).toBe(3);
  });

  it('exits 1 with the last reason when attempts run out', async () => {
    gw.addFunction({ name: 'fn', availableReplicas: 0, replicas: 2 });
    const run = await faas(['ready', 'fn', '--interval', '1ms', '--attempts', '2']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: function fn not ready after 2 attempts: fn: 0/2 replicas ready\n');
  });

  it("names the provider's reason when the status carries one", async () => {
    gw.addFunction({ name: 'fn', availableReplicas: 0, replicas: 1, notReadyReason: 'image not found' });
    const run = await faas(['ready', 'fn', '--interval', '1ms', '--attempts', '1']);
    expect(run.stderr).toBe(
      'error: function fn not ready after 1 attempts: fn: 0/1 replicas ready (image not found)\n',
    );
  });

  it('exits 2 on a malformed interval', async () => {
    expect((await faas(['ready', '--interval', 'soon'])).code).toBe(2);
  });
});
