// POST /async-function/* asks the provider whether the function exists before it stores anything.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedBackend } from '@faas/queue';
import type { QueueBackend } from '@faas/queue';
import { MemoryLogger } from '@faas/service-kit';
import { send } from './support/client.js';
import { startGateway } from './support/gateway-harness.js';
import type { Harness } from './support/gateway-harness.js';
import { listen } from './support/servers.js';
import type { Started } from './support/servers.js';

describe('POST /async-function/{name} and the provider lookup', () => {
  let dir: string;
  let queue: QueueBackend;
  let provider: Started;
  let gw: Harness;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gateway-async-'));
    queue = await openEmbeddedBackend({ dir, logger: new MemoryLogger() });
    // A provider that refuses the namespace, as every provider does for one it does not manage.
    provider = await listen((_req, res) => {
      res.writeHead(400, { 'content-type': 'text/plain', 'x-openfaas-internal': 'provider' });
      res.end('namespace "otherns" is not managed by this provider; use one of: openfaas-fn\n');
    });
    gw = await startGateway(provider.url, { basic_auth: 'false' }, { queue });
  });

  afterAll(async () => {
    await gw.close();
    await provider.close();
    await queue.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([['/async-function/cat.otherns'], ['/async-function/cat.otherns/a/b']])(
    'POST %s answers 404, as the synchronous route does, when the provider refuses the name (400), and stores nothing',
    async (path) => {
      const res = await send(`${gw.url}${path}`, { method: 'POST', body: 'hi' });
      expect(res.status).toBe(404);
      expect(res.headers['x-openfaas-internal']).toBe('gateway');
      expect(await queue.queue('faas-request').depth()).toBe(0);
    },
  );
});
