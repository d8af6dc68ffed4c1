// The platform's own log at the default level: idle — with a function deployed, the
// UI's polls (the function list every second, namespaces every two) and the gateway's scaling and
// metrics loops running — it prints at most 5 lines a minute; a function that crashes or runs out
// of time is a warning naming it and why.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@faas/service-kit/testing';
import { startLocalPlatform, type RunningPlatform } from './cli-support.js';

describe('the platform log at the default level', () => {
  let dir: string;
  let platform: RunningPlatform;
  const auth = { authorization: `Basic ${Buffer.from('admin:idle-logs').toString('base64')}` };
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${platform.url}${path}`, { ...init, headers: { ...auth, ...init.headers } });
  const deploy = async (service: string, envProcess: string, envVars: Record<string, string> = {}) => {
    const res = await api('/system/functions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service, image: 'faas/local', envProcess, envVars }),
    });
    expect(res.status).toBe(202);
    await until(
      `${service} to be ready`,
      async () =>
        ((await (await api(`/system/function/${service}`)).json()) as { availableReplicas: number })
          .availableReplicas > 0 || undefined,
      30_000,
    );
  };
  /** Lines the platform printed since `from` (stdout and stderr). */
  const linesSince = (from: number) =>
    platform
      .output()
      .slice(from)
      .split('\n')
      .filter((l) => l.trim() !== '');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faas-logs-e2e-'));
    mkdirSync(join(dir, 'secrets'));
    writeFileSync(join(dir, 'secrets', 'basic-auth-user'), 'admin');
    writeFileSync(join(dir, 'secrets', 'basic-auth-password'), 'idle-logs', { mode: 0o600 });
    platform = await startLocalPlatform(join(dir, 'secrets'), join(dir, 'state'));
    await deploy('idle', 'cat');
    await deploy('crash', 'false');
    await deploy('slow', 'sleep 5', { exec_timeout: '1s' });
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints at most 5 lines in a minute of idling while the UI polls', async () => {
    const from = platform.output().length;
    const started = Date.now();
    for (let second = 0; Date.now() - started < 60_000; second++) {
      await (await api('/system/functions')).text();
      if (second % 2 === 0) await (await api('/system/namespaces')).text();
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const lines = linesSince(from);
    expect({ count: lines.length, lines }).toEqual({ count: expect.any(Number), lines });
    expect(lines.length).toBeLessThanOrEqual(5);
  }, 90_000);

  it.each([
    ['crashes', 'crash', 500, /exit status 1/],
    ['runs out of time', 'slow', undefined, /Killed process|exec_timeout|timed out/i],
  ])('warns when a function %s, naming it and why', async (_case, name, status, reason) => {
    const from = platform.output().length;
    const res = await fetch(`${platform.url}/function/${name}`, { method: 'POST', body: 'x' });
    if (status) expect(res.status).toBe(status);
    else expect([408, 504]).toContain(res.status);
    /** The warning about this function, parsed (JSON lines when not on a terminal), once it is there. */
    const warning = () =>
      linesSince(from)
        .filter((l) => l.includes('invocation failed') && l.includes(`"${name}.openfaas-fn"`))
        .map((l) => JSON.parse(l) as { level: number; msg: string; function: string; reason: string })[0];
    const logged = await until(`the warning about ${name}`, warning, 10_000);
    expect(logged).toMatchObject({ level: 40, msg: 'invocation failed', function: `${name}.openfaas-fn` });
    expect(logged.reason).toMatch(reason);
  });
});
