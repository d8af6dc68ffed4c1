// The real provider process (the esbuild bundle of src/main.ts, as the image runs it), against
// the fake API server through a KUBECONFIG file: startup line, health, a deploy over HTTP, SIGTERM;
// and the startup failures, each with a message that says what to fix.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resourceTypes } from './fake-apiserver/resources.js';
import type { ResourceType } from './fake-apiserver/resources.js';
import { FakeApiServer } from './fake-apiserver/server.js';
import { freePort, until } from '@faas/service-kit/testing';

const dir = mkdtempSync(join(tmpdir(), 'provider-kubernetes-process-'));
const bundle = join(dir, 'main.mjs');
const secrets = join(dir, 'secrets');

beforeAll(() => {
  execFileSync(
    process.execPath,
    [join(dirname(fileURLToPath(import.meta.url)), '..', 'build.mjs'), '--outfile', bundle],
    {
      stdio: 'ignore',
    },
  );
  execFileSync('mkdir', ['-p', secrets]);
  writeFileSync(join(secrets, 'basic-auth-user'), 'admin\n');
  writeFileSync(join(secrets, 'basic-auth-password'), 'pw-123\n');
});

function kubeconfig(server: string): string {
  const file = join(mkdtempSync(join(dir, 'kc-')), 'config');
  writeFileSync(
    file,
    `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${server}", insecure-skip-tls-verify: true}}]\n` +
      'users: [{name: u, user: {token: fake-token}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n',
  );
  return file;
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [bundle], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, secret_mount_path: secrets, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => output, exited };
}

describe('the provider process', () => {
  let fake: FakeApiServer;
  beforeEach(async () => {
    fake = await new FakeApiServer().start();
  });
  afterEach(() => fake.stop());

  it('starts, says where it listens and which API server it uses, serves, deploys and stops on SIGTERM', async () => {
    fake.createNamespace('openfaas-fn');
    const port = await freePort();
    const p = start({ KUBECONFIG: kubeconfig(fake.url), port: String(port), bind_address: '127.0.0.1' });
    await until('the provider to say it listens', () => p.output().includes('listening'), 10_000, 20);
    expect(p.output()).toContain(`"apiServer":"${fake.url}"`);
    expect(p.output()).toContain('"orchestration":"kubernetes"');
    const base = `http://127.0.0.1:${port}`;
    const auth = { Authorization: `Basic ${Buffer.from('admin:pw-123').toString('base64')}` };
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/system/functions`)).status).toBe(401);
    const deployed = await fetch(`${base}/system/functions`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ service: 'figlet', image: 'figlet:1', envProcess: 'figlet' }),
    });
    expect(deployed.status).toBe(202);
    expect(
      fake.store.find(resourceTypes.deployments as ResourceType, 'openfaas-fn', 'figlet')?.metadata.name,
    ).toBe('figlet');
    const list = await fetch(`${base}/system/functions`, { headers: auth });
    expect(((await list.json()) as { name: string }[]).map((f) => f.name)).toEqual(['figlet']);
    expect(p.output()).not.toContain('pw-123');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it.each([
    ['no way to reach a cluster', () => ({}), 2, 'no way to reach the Kubernetes API server'],
    [
      'a missing functions namespace',
      (f: FakeApiServer) => ({ KUBECONFIG: kubeconfig(f.url) }),
      1,
      'namespace "openfaas-fn" does not exist',
    ],
    [
      'missing credentials files',
      (f: FakeApiServer) => ({ KUBECONFIG: kubeconfig(f.url), secret_mount_path: join(dir, 'none') }),
      2,
      'basic-auth-user cannot be read',
    ],
    [
      'a bad setting',
      (f: FakeApiServer) => ({ KUBECONFIG: kubeconfig(f.url), function_namespace: 'kube-system' }),
      2,
      'kube-system is never used for functions',
    ],
  ])('exits with a clear message for %s', async (_what, env, code, message) => {
    const p = start({ port: String(await freePort()), ...env(fake) });
    expect(await p.exited).toBe(code);
    expect(p.output()).toContain(message);
  });
});
