// Replica processes: readiness, balancing, crash restart, a process that dies at once.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { until } from '@faas/service-kit/testing';
import { startProvider } from './start-provider.js';
import type { StartedProvider } from './start-provider.js';
import { alive, available, logText, replicaPids, status, system } from './helpers.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
let p: StartedProvider;

beforeAll(async () => {
  p = await startProvider();
});
afterAll(async () => {
  await p.destroy();
});

/** The `port=` line of an `env` function's answer: which replica answered. */
async function whichReplica(name: string): Promise<string> {
  const res = await fetch(`${p.url}/function/${name}`);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`invoke ${res.status}: ${text}`);
  return /^port=(\d+)$/m.exec(text)?.[1] ?? 'unknown';
}

describe('local replicas', () => {
  it('runs a deployment whose command is only in envVars.fprocess, as a stack.yml environment: block sends it', async () => {
    const deploy = await system(p, 'POST', '/system/functions', {
      service: 'from-env',
      image: 'local/env',
      envVars: { fprocess: 'env', GREETING: 'hi' },
    });
    expect([deploy.status, await deploy.text()]).toEqual([202, '']);
    await available(p, 'from-env', 1);
    const answer = await fetch(`${p.url}/function/from-env`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toMatch(/^GREETING=hi$/m);
  });

  it('balances per request across 2 replicas, on one keep-alive connection', async () => {
    const deploy = await system(p, 'POST', '/system/functions', {
      service: 'balanced',
      image: 'local/env',
      envProcess: 'env',
      labels: { 'com.openfaas.scale.min': '2' },
    });
    expect(deploy.status).toBe(202);
    await available(p, 'balanced', 2);
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push(await whichReplica('balanced'));
    expect(new Set(answers).size).toBe(2);
    expect(answers[0]).not.toBe(answers[1]);
    expect(answers.slice(2)).toEqual([answers[0], answers[1], answers[0], answers[1]]);
  });

  it('is unavailable until /_/health answers, and answers 503 meanwhile', async () => {
    // Below the ephemeral range, so no client socket holds it.
    const port = String(20000 + Math.floor(Math.random() * 12768));
    const deploy = await system(p, 'POST', '/system/functions', {
      service: 'slow',
      image: 'local/slow',
      envProcess: `${process.execPath} ${join(fixtures, 'slow-server.mjs')}`,
      envVars: {
        mode: 'http',
        upstream_url: `http://127.0.0.1:${port}`,
        SLOW_PORT: port,
        SLOW_DELAY_MS: '1500',
      },
    });
    expect(deploy.status).toBe(202);
    await new Promise((r) => setTimeout(r, 500));
    expect((await status(p, 'slow')).availableReplicas).toBe(0);
    const early = await fetch(`${p.url}/function/slow`);
    expect(early.status).toBe(503);
    expect(early.headers.get('x-openfaas-internal')).toBe('proxy');
    expect(await early.text()).toBe('No endpoints available for: slow.\n');
    await available(p, 'slow', 1);
    const ready = await fetch(`${p.url}/function/slow`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe('ready');
  });

  it('restarts a crashed replica and routes only to the live one while it is down', async () => {
    const deploy = await system(p, 'POST', '/system/functions', {
      service: 'crashy',
      image: 'local/env',
      envProcess: 'env',
      labels: { 'com.openfaas.scale.min': '2' },
    });
    expect(deploy.status).toBe(202);
    await available(p, 'crashy', 2);
    const [victim] = await replicaPids(p, 'crashy');
    process.kill(victim as number, 'SIGKILL');
    await available(p, 'crashy', 1);
    const statuses = await Promise.all(
      Array.from({ length: 10 }, async () => (await fetch(`${p.url}/function/crashy`)).status),
    );
    expect(statuses).toEqual(Array(10).fill(200));
    await available(p, 'crashy', 2);
    const pids = await replicaPids(p, 'crashy');
    // Ready again: nothing to explain.
    expect((await status(p, 'crashy')).notReadyReason).toBeUndefined();
    expect(pids).not.toContain(victim);
    expect(pids.every(alive)).toBe(true);
    expect(await logText(p, 'crashy')).toMatch(
      /faas-local: replica exited unexpectedly \(signal SIGKILL\); restarting in 250ms/,
    );
  });

  it('reports a function whose process exits at once (0 available, logs say why) and keeps serving', async () => {
    const deploy = await system(p, 'POST', '/system/functions', {
      service: 'dies',
      image: 'local/dies',
      envProcess: `${process.execPath} -e process.exit(3)`,
      envVars: { mode: 'http', upstream_url: 'http://127.0.0.1:1' },
    });
    expect(deploy.status).toBe(202);
    const logs = await until(
      'the exit in the logs',
      async () => {
        const text = await logText(p, 'dies');
        return /replica exited unexpectedly \(exit code \d+\); restarting in/.test(text) ? text : undefined;
      },
      10_000,
      50,
    );
    expect(logs).toContain('faas-local:');
    const dies = await status(p, 'dies');
    expect(dies.availableReplicas).toBe(0);
    // The status says why, as the log does (the UI and `faas describe` show it).
    expect(dies.notReadyReason).toMatch(/^replica exited unexpectedly \(exit code \d+\); restarting in \d+/);
    expect((await fetch(`${p.url}/function/dies`)).status).toBe(503);
    expect((await fetch(`${p.url}/healthz`)).status).toBe(200);
  });

  it('stops replicas on scale down and delete, gracefully', async () => {
    const deploy = await system(p, 'POST', '/system/functions', {
      service: 'shrinks',
      image: 'local/env',
      envProcess: 'env',
      labels: { 'com.openfaas.scale.min': '3' },
    });
    expect(deploy.status).toBe(202);
    await available(p, 'shrinks', 3);
    const before = await replicaPids(p, 'shrinks');
    expect((await system(p, 'POST', '/system/scale-function/shrinks', { replicas: 1 })).status).toBe(202);
    await until(
      'two replicas to exit',
      async () => (before.filter(alive).length === 1 ? true : undefined),
      10_000,
      50,
    );
    expect((await status(p, 'shrinks')).replicas).toBe(1);
    expect((await system(p, 'DELETE', '/system/functions', { functionName: 'shrinks' })).status).toBe(202);
    await until('every replica to exit', async () => (before.some(alive) ? undefined : true), 10_000, 50);
  });
});
