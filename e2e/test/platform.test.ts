// The platform as the README starts it: `npm start` (build, then gateway + local provider), then
// what a new user types: deploy `cat`, invoke it three ways, list, read metrics, delete it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, until } from '@faas/service-kit/testing';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** `npm start` with extra environment, and its output so far. */
interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function npmStart(env: Record<string, string>): Started {
  // detached: its own process group, signalled as a whole like a terminal's Ctrl-C.
  const child = spawn('npm', ['start'], { cwd: repoRoot, env: { ...process.env, ...env }, detached: true });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

/** The banner and the two lines after it; fails as soon as `npm start` exits instead. */
async function waitForBanner(p: Started): Promise<string> {
  const text = await until(
    'the "faas is running" banner',
    () => {
      const text = p.output();
      return p.child.exitCode !== null || /faas is running[^\n]*\n(?:.*\n){2}/.test(text) ? text : undefined;
    },
    240_000,
    200,
  );
  if (p.child.exitCode !== null) throw new Error(`npm start exited early:\n${text}`);
  return text;
}

async function stop(p: Started): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (p.child.exitCode === null && p.child.signalCode === null && p.child.pid) {
    try {
      process.kill(-p.child.pid, 'SIGTERM');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
  }
  return p.exited;
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('npm start', () => {
  it('runs a working platform with the credentials in secret_mount_path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-e2e-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const secrets = join(dir, 'secrets');
    mkdirSync(secrets);
    const password = randomBytes(12).toString('hex');
    writeFileSync(join(secrets, 'basic-auth-user'), 'e2e-admin\n');
    writeFileSync(join(secrets, 'basic-auth-password'), `${password}\n`, { mode: 0o600 });
    const [port, providerPort] = [await freePort(), await freePort()];
    const platform = npmStart({
      port: String(port),
      provider_port: String(providerPort),
      secret_mount_path: secrets,
      faas_state_dir: join(dir, 'state'),
    });
    cleanup.push(async () => void (await stop(platform)));

    const banner = await waitForBanner(platform);
    const gateway = `http://127.0.0.1:${port}`;
    expect(banner).toContain(`faas is running: gateway ${gateway}`);
    expect(banner).toContain('user:     e2e-admin');
    expect(banner).toContain(`password: cat ${join(secrets, 'basic-auth-password')}`);
    expect(banner).not.toContain(password);

    const auth = { authorization: `Basic ${Buffer.from(`e2e-admin:${password}`).toString('base64')}` };
    expect((await fetch(`${gateway}/system/functions`)).status).toBe(401);
    expect((await fetch(`${gateway}/healthz`)).status).toBe(200);

    // curl -u … -d '{"service":"cat","image":…,"envProcess":"cat"}' $GW/system/functions
    const deploy = await fetch(`${gateway}/system/functions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'cat', image: 'ghcr.io/openfaas/alpine:latest', envProcess: 'cat' }),
    });
    expect(deploy.status).toBe(202);
    await until(
      'cat to have a ready replica',
      async () => {
        const res = await fetch(`${gateway}/system/function/cat`, { headers: auth });
        const status = res.ok ? ((await res.json()) as { availableReplicas: number }) : undefined;
        return status && status.availableReplicas > 0 ? true : undefined;
      },
      30_000,
      200,
    );

    const byPath = await fetch(`${gateway}/function/cat`, { method: 'POST', body: 'hello, cat' });
    expect(byPath.status).toBe(200);
    expect(await byPath.text()).toBe('hello, cat');
    expect(byPath.headers.get('x-call-id')).toMatch(/^[0-9a-f-]{36}$/);

    const byHeader = await fetch(`${gateway}/`, {
      method: 'POST',
      headers: { 'X-Function': 'cat' },
      body: 'by header',
    });
    expect(byHeader.status).toBe(200);
    expect(await byHeader.text()).toBe('by header');

    const alexa = JSON.stringify({
      session: { sessionId: 'SessionId.1', application: { applicationId: 'amzn1.ask.skill.1' } },
      request: { type: 'IntentRequest', intent: { name: 'Cat', slots: {} } },
    });
    const byIntent = await fetch(`${gateway}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: alexa,
    });
    expect(byIntent.status).toBe(200);
    expect(await byIntent.text()).toBe(alexa);

    const list = (await (await fetch(`${gateway}/system/functions`, { headers: auth })).json()) as {
      name: string;
      image: string;
      invocationCount: number;
    }[];
    expect(list).toEqual([
      expect.objectContaining({ name: 'cat', image: 'ghcr.io/openfaas/alpine:latest', invocationCount: 3 }),
    ]);

    const metrics = await (await fetch(`${gateway}/metrics`)).text();
    expect(metrics).toContain(
      'gateway_function_invocation_total{function_name="cat.openfaas-fn",code="200"} 3',
    );
    expect(metrics).toContain('gateway_function_invocation_started{function_name="cat.openfaas-fn"} 3');
    expect(metrics).toContain(
      'gateway_functions_seconds_count{function_name="cat.openfaas-fn",code="200"} 3',
    );

    const removed = await fetch(`${gateway}/system/functions`, {
      method: 'DELETE',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ functionName: 'cat' }),
    });
    expect(removed.status).toBe(202);
    expect((await fetch(`${gateway}/system/function/cat`, { headers: auth })).status).toBe(404);
    const gone = await fetch(`${gateway}/function/cat`, { method: 'POST', body: 'x' });
    expect(gone.status).toBe(404);

    await stop(platform);
    expect(platform.output()).toContain('faas: stopped');
    await expect(fetch(`${gateway}/healthz`)).rejects.toThrow();
  });

  it('generates an admin password once, shows where it is, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-e2e-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const [port, providerPort] = [await freePort(), await freePort()];
    const env = {
      port: String(port),
      provider_port: String(providerPort),
      faas_state_dir: join(dir, 'state'),
    };
    const platform = npmStart(env);
    cleanup.push(async () => void (await stop(platform)));

    const banner = await waitForBanner(platform);
    const passwordFile = join(dir, 'state', 'secrets', 'basic-auth-password');
    expect(banner).toContain('user:     admin');
    expect(banner).toContain(`password: cat ${passwordFile}   (generated now)`);
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    const password = readFileSync(passwordFile, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(banner).not.toContain(password);

    const auth = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
    const res = await fetch(`http://127.0.0.1:${port}/system/functions`, {
      headers: { authorization: auth },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);

    const exit = await stop(platform);
    expect(platform.output()).toContain('faas: stopped');
    // npm passes the platform's exit 0 on when its start script execs node; otherwise npm itself
    // dies of the group's SIGTERM after the platform stopped cleanly.
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);

    // The same password on the next start: generated once.
    const again = npmStart(env);
    cleanup.push(async () => void (await stop(again)));
    const second = await waitForBanner(again);
    expect(second).toContain(`password: cat ${passwordFile}\n`);
    expect(readFileSync(passwordFile, 'utf8').trim()).toBe(password);
  });
});
