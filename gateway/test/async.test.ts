// The gateway's async route against a fake provider, with the embedded queue behind it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedBackend } from '@faas/queue';
import type { QueueBackend } from '@faas/queue';
import { MemoryLogger } from '@faas/service-kit';
import { send } from './support/client.js';
import { FakeProvider } from './support/fake-provider.js';
import { startGateway } from './support/gateway-harness.js';
import type { Harness } from './support/gateway-harness.js';

let provider: FakeProvider;
let gw: Harness;
let queue: QueueBackend;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faas-gw-async-'));
  queue = await openEmbeddedBackend({ dir, logger: new MemoryLogger() });
  provider = await new FakeProvider().start();
  provider.add('cat', []);
  gw = await startGateway(provider.url, {}, { queue });
});

afterAll(async () => {
  await gw.close();
  await provider.close();
  await queue.close();
  await rm(dir, { recursive: true, force: true });
});

describe('/async-function/{name}', () => {
  it('queues a call of a known function with 202 and an X-Call-Id', async () => {
    const res = await send(`${gw.url}/async-function/cat`, { method: 'POST', body: 'hi' });
    expect(res.status).toBe(202);
    expect(res.headers['x-call-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each(['/async-function/cat.otherns', '/async-function/ghost', '/async-function/ghost.team-a'])(
    'answers %s with 404, as the sync route does, and queues nothing',
    async (path) => {
      const depth = await queue.queue('faas-request').depth();
      const res = await send(`${gw.url}${path}`, { method: 'POST', body: 'hi' });
      expect(res.status).toBe(404);
      expect(res.headers['x-openfaas-internal']).toBe('gateway');
      expect(res.text).toMatch(/^Function not found: /);
      expect(await queue.queue('faas-request').depth()).toBe(depth);
    },
  );
});
