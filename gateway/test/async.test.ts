// The gateway's async route against a fake provider, with the embedded queue behind it.
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedBackend } from '@faas/queue';
import type { QueueBackend } from '@faas/queue';
import { MemoryLogger } from '@faas/service-kit';
import { send } from './support/client.js';
import { FakeProvider } from './support/fake-provider.js';
import { startGateway } from './support/gateway-harness.js';
import type { Harness } from './support/gateway-harness.js';

/** POSTs `size` bytes to `/async-function/cat`, with a Content-Length or chunked; stops sending once answered. */
function post(
  base: string,
  size: number,
  declared: boolean,
): Promise<{ status: number; internal: unknown; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = declared ? { 'content-length': size } : {};
    let answered = false;
    const req = httpRequest(
      `${base}/async-function/cat`,
      { method: 'POST', headers, agent: false },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            internal: res.headers['x-openfaas-internal'],
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const chunk = Buffer.alloc(64 * 1024, 97);
    let sent = 0;
    const pump = (): void => {
      while (sent < size && !answered) {
        const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

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

  it.each([
    ['declared', true],
    ['chunked', false],
  ])(
    'refuses a %s body over max_async_body_size (512Ki) with 413, queuing nothing',
    async (_how, declared) => {
      const depth = await queue.queue('faas-request').depth();
      const res = await post(gw.url, 512 * 1024 + 1, declared);
      expect(res).toEqual({
        status: 413,
        internal: 'gateway',
        text: 'Request body too large: the limit is 524288 bytes.\n',
      });
      expect(await queue.queue('faas-request').depth()).toBe(depth);
      expect((await post(gw.url, 512 * 1024, declared)).status).toBe(202);
    },
  );

  it('holds nothing of a 100 MiB attempt, declared or chunked: RSS grows by less than 32 MiB', async () => {
    global.gc?.();
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
    try {
      expect((await post(gw.url, 100 * 1024 ** 2, true)).status).toBe(413);
      expect((await post(gw.url, 100 * 1024 ** 2, false)).status).toBe(413);
    } finally {
      clearInterval(sampler);
    }
    expect((peak - before) / 1024 ** 2).toBeLessThan(32);
  });

  it('counts calls of known functions only: 1,000 unknown names leave no series', async () => {
    for (let i = 0; i < 1_000; i++) {
      const name = i % 2 ? `ghost-${i}` : `ghost-${i}.ns-${i}`;
      expect((await send(`${gw.url}/async-function/${name}`, { method: 'POST', body: 'x' })).status).toBe(
        404,
      );
    }
    const metrics = (await send(`${gw.url}/metrics`)).text;
    expect(metrics).not.toContain('ghost-');
    expect(metrics).toMatch(/gateway_async_requests_total\{function_name="cat.openfaas-fn",code="202"\} \d/);
  });
});
