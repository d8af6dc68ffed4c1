// The README's quickstart with `faas` on the local platform: new + up of a node, a python3 and a
// bash function, invoke each, inspect, scale, secrets, remove. The CLI runs as the built bin.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWith } from '@faas/e2e';
import { faas, python3, startLocalPlatform } from './cli-support.js';
import type { RunningPlatform } from './cli-support.js';

describeWith([python3], 'faas CLI on the local platform', () => {
  let dir: string;
  let project: string;
  let platform: RunningPlatform;
  let env: Record<string, string>;
  const password = randomBytes(12).toString('hex');
  const run = (args: string[], stdin?: string) => faas(args, project, env, stdin);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faas-cli-e2e-'));
    project = join(dir, 'project');
    mkdirSync(project);
    const secrets = join(dir, 'secrets');
    mkdirSync(secrets);
    writeFileSync(join(secrets, 'basic-auth-user'), 'admin\n');
    writeFileSync(join(secrets, 'basic-auth-password'), `${password}\n`, { mode: 0o600 });
    platform = await startLocalPlatform(secrets, join(dir, 'state'));
    env = { OPENFAAS_URL: platform.url, XDG_CONFIG_HOME: join(dir, 'config'), NO_COLOR: '1' };
  }, 90_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in with the password on stdin and stores it 0600', async () => {
    const denied = await run(['login', '--password-stdin'], 'wrong\n');
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('unauthorized');
    const login = await run(['login', '--password-stdin'], `${password}\n`);
    expect(login).toMatchObject({ code: 0, stderr: '' });
    expect(login.stdout + login.stderr).not.toContain(password);
    expect(statSync(join(dir, 'config', 'faas', 'credentials.json')).mode & 0o777).toBe(0o600);
    const version = await run(['version']);
    expect(version.stdout).toMatch(/orchestration: local/);
  });

  it('creates node, python3 and bash functions and deploys them from source with `faas up --wait`', async () => {
    for (const [name, lang] of [
      ['hello-node', 'node'],
      ['hello-python', 'python3'],
      ['hello-bash', 'bash'],
    ] as const) {
      const created = await run(['new', name, '--lang', lang]);
      expect(created.code).toBe(0);
    }
    expect(readFileSync(join(project, 'stack.yml'), 'utf8')).toContain(`gateway: ${platform.url}`);
    const up = await run(['up', '--wait', '--timeout', '60s']);
    expect(up.stderr).toContain('Local provider: template functions deploy from their source folders');
    expect(up.code).toBe(0);
    expect(up.stdout).toBe(
      ['hello-node', 'hello-python', 'hello-bash']
        .map((n) => `URL: ${platform.url}/function/${n}\n`)
        .join(''),
    );
  }, 120_000);

  it.each([
    ['hello-node', 'Hello from node: world'],
    ['hello-python', 'Hello from python3: world\n'],
    ['hello-bash', 'Hello from bash: world\n'],
  ])('invokes %s and gets the handler output', async (name, expected) => {
    const res = await run(['invoke', name], 'world');
    expect(res).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  it('lists and describes them, and shows their logs', async () => {
    const list = await run(['list', '--json']);
    const functions = JSON.parse(list.stdout) as {
      name: string;
      invocationCount: number;
      availableReplicas: number;
    }[];
    expect(functions.map((f) => f.name).sort()).toEqual(['hello-bash', 'hello-node', 'hello-python']);
    for (const f of functions) expect(f.availableReplicas).toBeGreaterThan(0);
    const describe = await run(['describe', 'hello-node']);
    expect(describe.stdout).toContain('Status:             Ready\n');
    expect(describe.stdout).toContain(`com.faas.local.source=${join(project, 'build', 'hello-node')}`);
    const logs = await run(['logs', 'hello-bash', '--tail=false', '--lines', '50']);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain('Forking fprocess.');
    // Text, one line per message, whatever the provider sends: no raw JSON log objects.
    expect(logs.stdout.split('\n').filter((line) => /^\S+ \{"level"/.test(line))).toEqual([]);
    const json = await run(['logs', 'hello-bash', '--tail=false', '--lines', '5', '-o', 'json']);
    for (const line of json.stdout.trim().split('\n'))
      expect(JSON.parse(line)).toMatchObject({ name: 'hello-bash', instance: expect.any(String) });
  });

  it('redeploys a changed handler', async () => {
    const handler = join(project, 'hello-bash', 'handler.sh');
    writeFileSync(handler, readFileSync(handler, 'utf8').replace('Hello from bash', 'Changed bash'));
    const deploy = await run(['deploy', '--filter', 'hello-bash', '--wait']);
    expect(deploy.code).toBe(0);
    expect(deploy.stderr).toContain('Deployed hello-bash (updated, from source');
    expect((await run(['invoke', 'hello-bash'], 'x')).stdout).toBe('Changed bash: x\n');
  }, 60_000);

  it('refuses a dockerfile function up front, before deploying anything, saying where it runs', async () => {
    const other = join(dir, 'box-project');
    mkdirSync(other);
    const created = await faas(['new', 'box', '--lang', 'dockerfile'], other, env);
    expect(created.stdout).toContain('It runs on Docker Swarm or Kubernetes');
    const up = await faas(['up'], other, env);
    expect(up.code).toBe(1);
    expect(up.stderr).toContain(
      'error: the local provider runs each function as a process on this machine, not as an image; nothing was deployed:\n' +
        '  box (lang dockerfile): runs only as the image its Dockerfile builds\n',
    );
    expect(up.stderr).not.toContain('envProcess');
    const names = (JSON.parse((await run(['list', '--json'])).stdout) as { name: string }[]).map(
      (f) => f.name,
    );
    expect(names).not.toContain('box');
  });

  it('creates, lists and removes a secret', async () => {
    expect((await run(['secret', 'create', 'api-key'], 's3cret\n')).code).toBe(0);
    expect((await run(['secret', 'list'])).stdout).toContain('api-key');
    expect((await run(['secret', 'remove', 'api-key'])).code).toBe(0);
  });

  it('removes every function of the stack, after which invoking is a 404', async () => {
    const removed = await run(['remove', '-f', 'stack.yml']);
    expect(removed).toEqual({
      code: 0,
      stdout: 'Removed hello-node.\nRemoved hello-python.\nRemoved hello-bash.\n',
      stderr: '',
    });
    expect(JSON.parse((await run(['list', '--json'])).stdout)).toEqual([]);
    const gone = await run(['invoke', 'hello-node'], 'x');
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^error: Server returned unexpected status code: 404/);
  });
});
