// State survives a provider restart; bad input leaves nothing behind.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { startProvider, tempDataDir } from './start-provider.js';
import type { StartedProvider } from './start-provider.js';
import { until } from '@faas/service-kit/testing';
import { available, replicaPids, status, system } from './helpers.js';

describe('persistence', () => {
  it('restores functions, replicas and secrets after a restart', async () => {
    const dataDir = await tempDataDir();
    const first = await startProvider({}, dataDir);
    expect((await system(first, 'POST', '/system/secrets', { name: 'api-key', value: 'k-123' })).status).toBe(
      201,
    );
    const deploy = await system(first, 'POST', '/system/functions', {
      service: 'keeper',
      image: 'local/env',
      envProcess: 'env',
      secrets: ['api-key'],
      labels: { team: 'a' },
    });
    expect(deploy.status).toBe(202);
    expect((await system(first, 'POST', '/system/scale-function/keeper', { replicas: 2 })).status).toBe(202);
    await available(first, 'keeper', 2);
    const created = (await status(first, 'keeper')).createdAt;
    const oldPids = await replicaPids(first, 'keeper');
    await first.stop();

    const second = await startProvider({}, dataDir);
    try {
      expect(second.auth).toEqual(first.auth);
      const restored = await available(second, 'keeper', 2);
      expect(restored).toMatchObject({
        name: 'keeper',
        replicas: 2,
        createdAt: created,
        secrets: ['api-key'],
      });
      expect(restored.labels).toEqual({ team: 'a', faas_function: 'keeper' });
      const newPids = await replicaPids(second, 'keeper');
      expect(newPids.some((pid) => oldPids.includes(pid))).toBe(false);
      const invoked = await fetch(`${second.url}/function/keeper`);
      const env = await invoked.text();
      const secretsDir = /^secret_mount_path=(.+)$/m.exec(env)?.[1] as string;
      expect(await readFile(join(secretsDir, 'api-key'), 'utf8')).toBe('k-123');
      const secrets = await system(second, 'GET', '/system/secrets');
      expect(await secrets.json()).toEqual([{ name: 'api-key', namespace: 'openfaas-fn' }]);
    } finally {
      await second.destroy();
    }
  });

  it("keeps a function's log lines across a restart, and deletes them with the function", async () => {
    const dataDir = await tempDataDir();
    const first = await startProvider({}, dataDir);
    expect(
      (await system(first, 'POST', '/system/functions', { service: 'talker', image: 'i', envProcess: 'cat' }))
        .status,
    ).toBe(202);
    await available(first, 'talker', 1);
    expect((await fetch(`${first.url}/function/talker`, { method: 'POST', body: 'x' })).status).toBe(200);
    const before = await until('the call in the log', async () => {
      const text = await (await system(first, 'GET', '/system/logs?name=talker')).text();
      return text.includes('Forking fprocess.') ? text : undefined;
    });
    await first.stop();

    const second = await startProvider({}, dataDir);
    try {
      const logs = await system(second, 'GET', '/system/logs?name=talker');
      expect(logs.status).toBe(200);
      const lines = (await logs.text()).trim().split('\n');
      // Everything the first run logged is there, in order, before anything the second adds.
      expect(lines.slice(0, before.trim().split('\n').length)).toEqual(before.trim().split('\n'));
      expect((await system(second, 'DELETE', '/system/functions', { functionName: 'talker' })).status).toBe(
        202,
      );
      expect(await readdir(join(dataDir, 'logs', 'openfaas-fn'))).toEqual([]);
    } finally {
      await second.destroy();
    }
  });

  it('stores and mounts a secret whose name takes 253 characters, the longest allowed', async () => {
    const p = await startProvider();
    try {
      const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
      expect(name).toHaveLength(253);
      const created = await system(p, 'POST', '/system/secrets', { name, value: 'long' });
      expect([created.status, await created.text()]).toEqual([201, '']);
      const listed = (await (await system(p, 'GET', '/system/secrets')).json()) as { name: string }[];
      expect(listed.map((s) => s.name)).toEqual([name]);
      const deployed = await system(p, 'POST', '/system/functions', {
        service: 'long-secret',
        image: 'i',
        envProcess: 'env',
        secrets: [name],
      });
      expect(deployed.status).toBe(202);
      await available(p, 'long-secret', 1);
      const env = await (await fetch(`${p.url}/function/long-secret`)).text();
      const secretsDir = /^secret_mount_path=(.+)$/m.exec(env)?.[1] as string;
      expect(await readFile(join(secretsDir, name), 'utf8')).toBe('long');
    } finally {
      await p.destroy();
    }
  });

  it('writes the state file atomically and keeps secrets 0600 in 0700 directories', async () => {
    const p = await startProvider();
    try {
      await system(p, 'POST', '/system/secrets', { name: 'token', value: 't' });
      await system(p, 'POST', '/system/functions', {
        service: 'f',
        image: 'i',
        envProcess: 'env',
        secrets: ['token'],
      });
      const state = JSON.parse(await readFile(join(p.dataDir, 'state.json'), 'utf8')) as {
        functions: unknown[];
      };
      expect(state.functions).toHaveLength(1);
      expect((await readdir(p.dataDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      for (const [path, mode] of [
        [join(p.dataDir, 'secrets', 'openfaas-fn', 'token'), 0o600],
        [join(p.dataDir, 'secrets', 'openfaas-fn'), 0o700],
        [join(p.dataDir, 'functions', 'openfaas-fn', 'f', 'secrets', 'token'), 0o600],
        [join(p.dataDir, 'state.json'), 0o600],
      ] as const) {
        expect([path, (await stat(path)).mode & 0o777]).toEqual([path, mode]);
      }
    } finally {
      await p.destroy();
    }
  });
});

describe('bad input', () => {
  let p: StartedProvider;
  beforeAll(async () => {
    p = await startProvider();
  });
  afterAll(async () => {
    await p.destroy();
  });

  it.each([
    ['no envProcess', { service: 'bad1', image: 'i' }, /envProcess: required by the local provider/],
    [
      'a bad watchdog mode',
      { service: 'bad2', image: 'i', envProcess: 'env', envVars: { mode: 'turbo' } },
      /mode: "turbo"/,
    ],
    [
      'an unknown secret',
      { service: 'bad3', image: 'i', envProcess: 'env', secrets: ['nope'] },
      /unknown secret/,
    ],
    [
      'an invalid label',
      { service: 'bad4', image: 'i', envProcess: 'env', labels: { 'bad key!': 'x' } },
      /labels\.bad key!/,
    ],
    [
      'an invalid name',
      { service: 'Bad5', image: 'i', envProcess: 'env' },
      /service: must be lower-case letters/,
    ],
  ])('refuses %s with 400 and starts or writes nothing', async (_what, body, message) => {
    const res = await system(p, 'POST', '/system/functions', body);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(message);
    expect(await (await system(p, 'GET', '/system/functions')).json()).toEqual([]);
    expect(await readdir(join(p.dataDir, 'functions')).catch(() => [])).toEqual([]);
    expect(await readdir(join(p.dataDir, 'run')).catch(() => [])).toEqual([]);
    const state = await readFile(join(p.dataDir, 'state.json'), 'utf8').catch(() => '{"functions":[]}');
    expect((JSON.parse(state) as { functions: unknown[] }).functions).toEqual([]);
  });

  it('refuses a PUT that the watchdog would refuse and keeps the running spec', async () => {
    expect(
      (await system(p, 'POST', '/system/functions', { service: 'steady', image: 'i', envProcess: 'env' }))
        .status,
    ).toBe(202);
    const res = await system(p, 'PUT', '/system/functions', {
      service: 'steady',
      image: 'i2',
      envProcess: 'env',
      envVars: { write_timeout: 'ten' },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/write_timeout: "ten" is not a duration/);
    expect((await status(p, 'steady')).image).toBe('i');
    expect((await system(p, 'DELETE', '/system/functions', { functionName: 'steady' })).status).toBe(202);
  });
});
