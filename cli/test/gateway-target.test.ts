// Where every command's gateway, credentials and TLS settings come from (faas-cli's rules).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeGateway } from './fake-gateway.js';
import { runFaas } from './run-faas.js';

let gw: FakeGateway;
afterEach(() => gw.close());

/** A project whose stack.yml names its gateway as ${GW}. */
function projectWithGateway(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faas-stack-gw-'));
  // The function is invalid on purpose: reading the gateway must not validate what it does not use.
  writeFileSync(
    join(dir, 'stack.yml'),
    `version: 1.0\nprovider:\n  name: openfaas\n  gateway: \${GW}\nfunctions:\n  broken:\n    limits: { cpu: lots }\n`,
  );
  return dir;
}

describe('the gateway of every command', () => {
  beforeEach(async () => {
    gw = await new FakeGateway().start();
    gw.addFunction({ name: 'alpha' });
  });

  it("reads ./stack.yml's provider.gateway (substituted) when no flag or $OPENFAAS_URL names one", async () => {
    const cwd = projectWithGateway();
    for (const args of [['list'], ['describe', 'alpha'], ['logs', 'alpha', '--tail=false'], ['namespaces']]) {
      const run = await runFaas(args, { cwd, env: { GW: gw.url } });
      expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code: 0, stderr: '' });
    }
    expect(gw.requests.length).toBeGreaterThanOrEqual(4);
  });

  it('reads the stack file named by -f, and $OPENFAAS_URL and --gateway come first', async () => {
    const dir = projectWithGateway();
    const viaFile = await runFaas(['list', '-f', join(dir, 'stack.yml')], { env: { GW: gw.url } });
    expect(viaFile.code).toBe(0);
    const unreachable = 'http://127.0.0.1:9';
    const viaEnv = await runFaas(['list'], { cwd: dir, env: { GW: unreachable, OPENFAAS_URL: gw.url } });
    expect(viaEnv.code).toBe(0);
    const viaFlag = await runFaas(['list', '-g', gw.url], { cwd: dir, env: { GW: unreachable } });
    expect(viaFlag.code).toBe(0);
  });

  it('says what it ignored when ./stack.yml is not YAML, and fails when -f names such a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-stack-bad-'));
    writeFileSync(join(dir, 'stack.yml'), 'provider: [unclosed\n');
    const implicit = await runFaas(['list'], { cwd: dir, env: { OPENFAAS_URL: '' } });
    expect(implicit.stderr).toMatch(
      /^warning: stack.yml is invalid .*\(its provider.gateway is not used\)\n/,
    );
    const explicit = await runFaas(['list', '-f', 'stack.yml'], { cwd: dir });
    expect(explicit.code).toBe(1);
    expect(explicit.stderr).toMatch(/^error: stack.yml is invalid/);
    const missing = await runFaas(['list', '-f', 'nope.yml'], { cwd: dir });
    expect(missing).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/cannot read stack file .*nope.yml: ENOENT/),
    });
  });

  it('says the same rule in `faas --help` and in every command that talks to a gateway', async () => {
    const main = await runFaas(['--help']);
    expect(main.stdout).toContain(
      "Gateway: --gateway URL, else $OPENFAAS_URL, else the stack file's provider.gateway (-f FILE, else ./stack.yml or ./stack.yaml when present), else http://127.0.0.1:8080.",
    );
    for (const command of ['list', 'logs', 'invoke', 'secret list', 'login', 'deploy']) {
      const help = await runFaas([...command.split(' '), '--help']);
      expect(help.stdout).toContain('-g, --gateway URL');
      expect(help.stdout).toContain("else the stack file's provider.gateway");
      expect(help.stdout).toMatch(/-f, --yaml FILE +stack file/);
    }
  });
});

describe('--token and --tls-no-verify', () => {
  it('sends --token as a Bearer token instead of the saved credentials', async () => {
    gw = await new FakeGateway().start();
    const run = await runFaas(['list', '-g', gw.url, '-k', 'eyJ.a.b']);
    expect(run.code).toBe(0);
    expect(gw.requests[0]?.headers.authorization).toBe('Bearer eyJ.a.b');
  });

  it('refuses a self-signed certificate unless --tls-no-verify, which it warns about', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    gw = await new FakeGateway().start({
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    });
    gw.addFunction({ name: 'alpha' });
    const refused = await runFaas(['list', '-g', gw.url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: cannot reach the gateway at https:\/\/127.0.0.1:\d+: .*certificate/,
    );
    const accepted = await runFaas(['list', '-g', gw.url, '--tls-no-verify']);
    expect(accepted).toMatchObject({
      code: 0,
      stderr: "warning: --tls-no-verify: the gateway's TLS certificate is not checked\n",
    });
    expect(accepted.stdout).toContain('alpha');
  });
});
