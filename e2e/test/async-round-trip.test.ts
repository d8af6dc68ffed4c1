// The asynchronous round trip on the real stack: nats-server with JetStream, the real
// gateway with the async routes mounted, the local provider running `sha512sum` under the
// watchdog, the queue worker as its own process. 1,000 async calls, each with a callback.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { components, describeWith } from '@faas/e2e';
import { startNatsServer } from '@faas/queue/testing';
import { until } from '@faas/service-kit/testing';
import { buildWorker, callbackReceiver, enqueue, startAsyncPlatform, startWorker } from './async-support.js';

const CALLS = 1_000;

const cleanup: (() => Promise<unknown> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describeWith([components.nats], 'async round trip on the real gateway and local provider', () => {
  it(`delivers exactly one callback with the right hash and headers for each of ${CALLS} calls to sha512sum`, async () => {
    buildWorker();
    const dir = mkdtempSync(join(tmpdir(), 'faas-async-e2e-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const nats = await startNatsServer();
    cleanup.push(() => nats.dispose());
    const platform = await startAsyncPlatform(nats.url, join(dir, 'local'));
    cleanup.push(() => platform.stop());
    const receiver = await callbackReceiver();
    cleanup.push(() => receiver.close());

    const deploy = await fetch(`${platform.gatewayUrl}/system/functions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'sha512sum', image: 'local/sha512sum', envProcess: 'sha512sum' }),
    });
    expect(deploy.status).toBe(202);
    await until(
      'sha512sum to be ready',
      async () => {
        const res = await fetch(`${platform.gatewayUrl}/system/function/sha512sum`);
        return res.ok && ((await res.json()) as { availableReplicas: number }).availableReplicas > 0;
      },
      30_000,
      50,
    );
    const unknown = await enqueue(platform.gatewayUrl, 'nope', 'x', receiver.url);
    expect(unknown.status).toBe(404);

    const expected = new Map<string, string>();
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < CALLS) {
          const body = `call ${next++} ${Math.random()}`;
          const { status, callId } = await enqueue(
            platform.gatewayUrl,
            'sha512sum',
            body,
            `${receiver.url}/done`,
          );
          expect(status).toBe(202);
          expected.set(callId, `${createHash('sha512').update(body).digest('hex')}  -\n`);
        }
      }),
    );
    const enqueued = Date.now();
    const worker = startWorker({
      faas_nats_address: nats.url,
      faas_gateway_address: platform.gatewayUrl,
      max_inflight: '16',
      log_level: 'info',
    });
    cleanup.push(() => worker.stop('SIGKILL'));
    await until(`${CALLS} callbacks`, () => receiver.received.length >= CALLS, 240_000, 50);
    const completed = Date.now();
    await new Promise((r) => setTimeout(r, 1_000));
    console.log(
      `async round trip: ${CALLS} enqueued in ${enqueued - started} ms (${Math.round((CALLS * 1000) / (enqueued - started))}/s), ` +
        `all callbacks ${completed - enqueued} ms after the worker started (${Math.round((CALLS * 1000) / (completed - enqueued))}/s)`,
    );

    expect(expected.size).toBe(CALLS);
    expect(receiver.received).toHaveLength(CALLS);
    const byCall = receiver.byCallId();
    expect(new Set(byCall.keys())).toEqual(new Set(expected.keys()));
    for (const [callId, callbacks] of byCall) {
      expect(callbacks).toHaveLength(1);
      const [callback] = callbacks;
      expect(callback!.body).toBe(expected.get(callId));
      expect(callback!.headers['x-function-status']).toBe('200');
      expect(callback!.headers['x-function-name']).toBe('sha512sum');
      expect(Number(callback!.headers['x-duration-seconds'])).toBeGreaterThan(0);
    }
    const metrics = await (await fetch(`${platform.gatewayUrl}/metrics`)).text();
    expect(metrics).toContain(
      `gateway_function_invocation_total{function_name="sha512sum.openfaas-fn",code="200"} ${CALLS}`,
    );
  }, 300_000);
});

describe('async round trip on the embedded queue (no NATS)', () => {
  it('runs the same round trip as npm start will: embedded queue, worker in the platform process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-async-embedded-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const platform = await startAsyncPlatform(undefined, join(dir, 'local'), {
      inProcessWorker: { queue_backend: 'embedded', max_inflight: '8' },
    });
    cleanup.push(() => platform.stop());
    const receiver = await callbackReceiver();
    cleanup.push(() => receiver.close());
    const deploy = await fetch(`${platform.gatewayUrl}/system/functions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'sha512sum', image: 'local/sha512sum', envProcess: 'sha512sum' }),
    });
    expect(deploy.status).toBe(202);
    const expected = new Map<string, string>();
    await until(
      'sha512sum to take an async call',
      async () => {
        const body = `warm-up ${Math.random()}`;
        const { status, callId } = await enqueue(platform.gatewayUrl, 'sha512sum', body, receiver.url);
        if (status === 202) expected.set(callId, `${createHash('sha512').update(body).digest('hex')}  -\n`);
        return status === 202;
      },
      30_000,
      50,
    );
    for (let i = 0; i < 199; i++) {
      const body = `embedded ${i}`;
      const { status, callId } = await enqueue(platform.gatewayUrl, 'sha512sum', body, receiver.url);
      expect(status).toBe(202);
      expected.set(callId, `${createHash('sha512').update(body).digest('hex')}  -\n`);
    }
    await until('200 callbacks', () => receiver.received.length >= 200, 120_000, 50);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.received).toHaveLength(200);
    for (const [callId, callbacks] of receiver.byCallId()) {
      expect(callbacks).toHaveLength(1);
      expect(callbacks[0]!.body).toBe(expected.get(callId));
      expect(callbacks[0]!.headers['x-function-status']).toBe('200');
    }
  }, 180_000);
});
