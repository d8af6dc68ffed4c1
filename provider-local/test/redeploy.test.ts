// Delete, then deploy the same name at once (faas-cli deploy --replace, remove-then-deploy
// scripts): the removal finishes before the new deployment writes its folder.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startProvider } from './start-provider.js';
import type { StartedProvider } from './start-provider.js';
import { alive, available, replicaPids, system } from './helpers.js';

let p: StartedProvider;
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => void rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  p = await startProvider();
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await p.destroy();
});

describe('delete, then deploy the same name', () => {
  it('serves the new deployment after 10 rounds of DELETE then POST, with a secret', async () => {
    expect((await system(p, 'POST', '/system/secrets', { name: 'round-key', value: 'k-1' })).status).toBe(
      201,
    );
    const deployment = (round: number) => ({
      service: 'again',
      image: 'local/env',
      envProcess: 'env',
      secrets: ['round-key'],
      envVars: { ROUND: String(round) },
    });
    expect((await system(p, 'POST', '/system/functions', deployment(0))).status).toBe(202);
    for (let round = 1; round <= 10; round++) {
      const removed = await system(p, 'DELETE', '/system/functions', { functionName: 'again' });
      expect([round, removed.status]).toEqual([round, 202]);
      const deployed = await system(p, 'POST', '/system/functions', deployment(round));
      expect([round, deployed.status, await deployed.text()]).toEqual([round, 202, '']);
    }
    await available(p, 'again', 1);
    const answer = await fetch(`${p.url}/function/again`);
    const env = await answer.text();
    expect(answer.status).toBe(200);
    expect(env).toMatch(/^ROUND=10$/m);
    const secretsDir = /^secret_mount_path=(.+)$/m.exec(env)?.[1] as string;
    expect(secretsDir).toBe(join(p.dataDir, 'functions', 'openfaas-fn', 'again', 'secrets'));
    expect(await readFile(join(secretsDir, 'round-key'), 'utf8')).toBe('k-1');
    expect(rejections).toEqual([]);
  });
});

describe('closing the provider', () => {
  it('lets a deploy in flight finish, then stops its replicas too', async () => {
    const q = await startProvider();
    const dir = join(q.dataDir, 'functions', 'openfaas-fn', 'late');
    let left: number[] = [];
    try {
      const deploying = system(q, 'POST', '/system/functions', {
        service: 'late',
        image: 'local/env',
        envProcess: 'env',
      });
      // Close while the deploy is between creating its folder and starting its replica.
      while (!existsSync(dir)) await new Promise((r) => setImmediate(r));
      await q.provider.close();
      expect((await deploying).status).toBe(202);
      await new Promise((r) => setTimeout(r, 500));
      left = (await replicaPids(q, 'late')).filter(alive);
      expect(left).toEqual([]);
    } finally {
      for (const pid of left) process.kill(pid, 'SIGKILL');
      await q.destroy();
    }
  });
});
