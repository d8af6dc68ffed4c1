// /system/info says where a local function finds its secrets (secretMountPath, contracts'
// ProviderInfo): the web UI shows that path, so it must be the one the function really reads.
import { startProvider } from './start-provider.js';
import type { StartedProvider } from './start-provider.js';
import { available, system } from './helpers.js';

let p: StartedProvider;
beforeAll(async () => {
  p = await startProvider();
});
afterAll(() => p.destroy());

describe('the secret mount path in /system/info', () => {
  it('is a directory per function under the data directory', async () => {
    const info = (await (await system(p, 'GET', '/system/info')).json()) as { secretMountPath?: string };
    expect(info.secretMountPath).toBe(`${p.dataDir}/functions/{namespace}/{function}/secrets`);
  });

  it('is where a function finds the secret it names', async () => {
    const info = (await (await system(p, 'GET', '/system/info')).json()) as { secretMountPath: string };
    const dir = info.secretMountPath.replace('{namespace}', 'openfaas-fn').replace('{function}', 'reader');
    const created = await system(p, 'POST', '/system/secrets', { name: 'api-key', value: 's3cr3t' });
    expect(created.status).toBe(201);
    const deployed = await system(p, 'POST', '/system/functions', {
      service: 'reader',
      image: 'faas/cat',
      envProcess: `cat ${dir}/api-key`,
      secrets: ['api-key'],
    });
    expect(deployed.status).toBe(202);
    await available(p, 'reader', 1);
    const res = await fetch(`${p.url}/function/reader`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('s3cr3t');
  });
});
