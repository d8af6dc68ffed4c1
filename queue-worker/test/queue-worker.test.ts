import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedBackend, redrive, type QueueBackend, type QueueMessage } from '@faas/queue';
import { sampleMessage, sleep } from '@faas/queue/testing';
import { MemoryLogger } from '@faas/service-kit';
import { until } from '@faas/service-kit/testing';
import { Counter, Registry } from 'prom-client';
import { loadWorkerConfig } from '../src/config.js';
import { createQueueWorker, type AssembledWorker } from '../src/create-worker.js';
import { answering, callbackReceiver, fakeGateway, type FakeFunction, type Fixture } from './fixtures.js';

describe('queue worker', () => {
  let dir: string;
  let backend: QueueBackend;
  let registry: Registry;
  let fixtures: Fixture[];
  let workers: AssembledWorker[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faas-worker-'));
    backend = await openEmbeddedBackend({ dir, logger: new MemoryLogger() });
    registry = new Registry();
    fixtures = [];
    workers = [];
  });
  afterEach(async () => {
    for (const w of workers) {
      await w.worker.stop(1_000);
      w.close();
    }
    await backend.close();
    await Promise.all(fixtures.map((f) => f.close()));
    await rm(dir, { recursive: true, force: true });
  });

  async function start(functions: Record<string, FakeFunction>, env: Record<string, string> = {}) {
    const gateway = await fakeGateway(functions);
    const receiver = await callbackReceiver();
    fixtures.push(gateway, receiver);
    const config = loadWorkerConfig({
      initial_retry_wait: '100ms',
      max_retry_wait: '400ms',
      ack_wait: '2s',
      max_retry_attempts: '3',
      // The receiver listens on this host: loopback callbacks need the operator's explicit allowance.
      callback_allowed_hosts: '*,127.0.0.1',
      ...env,
    });
    const assembled = createQueueWorker({
      config,
      backend,
      logger: new MemoryLogger(),
      registry,
      gatewayUrl: gateway.url,
      random: () => 1,
    });
    workers.push(assembled);
    assembled.worker.start();
    return { gateway, receiver, worker: assembled.worker };
  }

  const publish = (m: QueueMessage): Promise<void> => backend.queue('faas-request').publish(m);
  const metric = async (name: string): Promise<number> =>
    ((await registry.getSingleMetric(name)?.get())?.values ?? []).reduce((sum, v) => sum + v.value, 0);

  it('replays the request through the gateway and POSTs the answer to the callback with the callback headers', async () => {
    const fn = answering([201], 'hashed');
    const { gateway, receiver } = await start({ 'echo.openfaas-fn': fn });
    const message = sampleMessage({
      method: 'PUT',
      path: '/a/b',
      query: 'x=1&y=2',
      headers: { 'content-type': ['text/plain'], 'x-custom': ['one', 'two'], connection: ['keep-alive'] },
      body: 'input',
    });
    message.request.callbackUrl = `${receiver.url}/hook?k=v`;
    await publish(message);

    await until('the callback', () => receiver.received.length === 1, 10_000, 20);
    const call = gateway.received[0]!;
    expect(call).toMatchObject({ method: 'PUT', url: '/function/echo.openfaas-fn/a/b?x=1&y=2' });
    expect(call.body.toString()).toBe('input');
    expect(call.headers['x-custom']).toBe('one, two');
    expect(call.headers['x-call-id']).toBe(message.request.callId);
    const callback = receiver.received[0]!;
    expect(callback).toMatchObject({ method: 'POST', url: '/hook?k=v' });
    expect(callback.body.toString()).toBe('hashed');
    expect(callback.headers).toMatchObject({
      'x-function-status': '201',
      'x-function-name': 'echo',
      'x-call-id': message.request.callId,
      'x-fn': 'yes',
      'content-type': 'text/plain',
    });
    expect(Number(callback.headers['x-duration-seconds'])).toBeGreaterThan(0);
    await until('the ack', async () => (await backend.queue('faas-request').depth()) === 0, 10_000, 20);
    expect(await metric('queue_worker_invocations_total')).toBe(1);
  });

  it("drops a function's series once the gateway says it no longer exists, and only then", async () => {
    const functions: Record<string, FakeFunction> = {
      'echo.openfaas-fn': answering([200]),
      'own404.openfaas-fn': answering([404]),
    };
    await start(functions);
    // In `npm start` the registry is the gateway's: its series are the gateway's to drop.
    const gateways = new Counter({
      name: 'gateway_owned',
      help: 'x',
      labelNames: ['function_name'],
      registers: [registry],
    });
    gateways.inc({ function_name: 'echo.openfaas-fn' });
    const queue = backend.queue('faas-request');
    const names = async (): Promise<string[]> => {
      const text = (await registry.metrics()).replace(/^gateway_owned.*$/gm, '');
      return [...new Set([...text.matchAll(/function_name="([^"]+)"/g)].map((m) => m[1] as string))].sort();
    };
    const call = async (fn: string): Promise<void> => {
      await publish(sampleMessage({ function: fn }));
      await until(`${fn} done`, async () => (await queue.depth()) === 0, 10_000, 20);
    };
    await call('echo');
    await call('own404');
    // A function's own 404 is its answer, not the gateway's: its series stay.
    expect(await names()).toEqual(['echo.openfaas-fn', 'own404.openfaas-fn']);
    delete functions['echo.openfaas-fn'];
    await call('echo');
    await until('the series to go', async () => !(await names()).includes('echo.openfaas-fn'), 10_000, 20);
    expect(await names()).toEqual(['own404.openfaas-fn']);
    expect((await gateways.get()).values).toEqual([
      expect.objectContaining({ labels: { function_name: 'echo.openfaas-fn' }, value: 1 }),
    ]);
  });

  it('retries 503 twice with growing back-off, then sends one callback with the success', async () => {
    const fn = answering([503, 503, 200]);
    const { gateway, receiver } = await start({ 'echo.openfaas-fn': fn });
    const message = sampleMessage();
    await publish({ ...message, request: { ...message.request, callbackUrl: receiver.url } });

    await until('the callback', () => receiver.received.length === 1, 10_000, 20);
    await sleep(300);
    expect(fn.calls).toBe(3);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers['x-function-status']).toBe('200');
    const [first, second, third] = gateway.received.map((r) => r.at);
    expect(second! - first!).toBeGreaterThanOrEqual(90);
    expect(third! - second!).toBeGreaterThanOrEqual(190);
    expect(await metric('queue_worker_retries_total')).toBe(2);
  });

  it.each([429, 502, 504])('retries a %i', async (status) => {
    const fn = answering([status, 200]);
    await start({ 'echo.openfaas-fn': fn });
    await publish(sampleMessage());
    await until('the second call', () => fn.calls === 2, 10_000, 20);
    await until('the ack', async () => (await backend.queue('faas-request').depth()) === 0, 10_000, 20);
  });

  it('retries when the gateway cannot be reached at all', async () => {
    let calls = 0;
    const { receiver } = await start({
      'echo.openfaas-fn': (req, res) => {
        if (++calls === 1) return void res.destroy();
        res.writeHead(200).end('ok');
      },
    });
    const m = sampleMessage();
    m.request.callbackUrl = receiver.url;
    await publish(m);
    await until('the callback', () => receiver.received.length === 1, 10_000, 20);
    expect(calls).toBe(2);
    expect(receiver.received[0]!.headers['x-function-status']).toBe('200');
  });

  it("does not retry the function's own 500: one call, a callback with 500", async () => {
    const fn = answering([500]);
    const { receiver } = await start({ 'echo.openfaas-fn': fn });
    const m = sampleMessage();
    m.request.callbackUrl = receiver.url;
    await publish(m);
    await until('the callback', () => receiver.received.length === 1, 10_000, 20);
    await sleep(300);
    expect(fn.calls).toBe(1);
    expect(receiver.received[0]!.headers['x-function-status']).toBe('500');
    expect(await backend.deadLetters.list()).toEqual([]);
  });

  it.each([
    ['by default', {}],
    ['when only another host is allowed', { callback_allowed_hosts: 'receiver.internal' }],
  ])(
    'never POSTs a callback to a loopback receiver %s: one refusal, no retry, dead-lettered with the reason',
    async (_case, env) => {
      const fn = answering([200]);
      const { receiver } = await start({ 'echo.openfaas-fn': fn }, { callback_allowed_hosts: '*', ...env });
      const m = sampleMessage();
      m.request.callbackUrl = `${receiver.url}/hook`;
      await publish(m);
      await until('the dead letter', async () => (await backend.deadLetters.list()).length === 1, 10_000, 20);
      const [letter] = await backend.deadLetters.list();
      expect(letter!.reason).toMatch(
        new RegExp(
          `^callback to ${receiver.url}/hook failed after 0 attempt\\(s\\): callbacks may not go to 127\\.0\\.0\\.1: it is a loopback address`,
        ),
      );
      expect(fn.calls).toBe(1);
      await sleep(300);
      expect(receiver.received).toEqual([]);
      expect(await metric('queue_worker_callback_failures_total')).toBe(1);
    },
  );

  it('dead-letters a call that fails every attempt, and a re-drive runs it again', async () => {
    const fn = answering([503, 503, 503, 200]);
    const { receiver } = await start({ 'echo.openfaas-fn': fn });
    const m = sampleMessage();
    m.request.callbackUrl = receiver.url;
    await publish(m);

    await until('the dead letter', async () => (await backend.deadLetters.list()).length === 1, 10_000, 20);
    const [letter] = await backend.deadLetters.list();
    expect(letter).toMatchObject({
      queue: 'faas-request',
      attempts: 3,
      status: 503,
      reason: 'function answered 503',
      message: m,
    });
    expect(fn.calls).toBe(3);
    await until('the failure callback', () => receiver.received.length === 1, 10_000, 20);
    expect(receiver.received[0]!.headers['x-function-status']).toBe('503');
    expect(await metric('queue_worker_dead_letters_total')).toBe(1);

    await redrive(backend, letter!.id);
    await until('the success callback', () => receiver.received.length === 2, 10_000, 20);
    expect(receiver.received[1]!.headers['x-function-status']).toBe('200');
    expect(await backend.deadLetters.list()).toEqual([]);
  });

  it("honours the function's own attempts from its annotations", async () => {
    const fn = answering([503, 200]);
    await start({ 'echo.openfaas-fn': fn });
    await publish(sampleMessage({}, { attempts: 1 }));
    await until('the dead letter', async () => (await backend.deadLetters.list()).length === 1, 10_000, 20);
    expect(fn.calls).toBe(1);
  });

  it('runs a job longer than the ack deadline once, keeping it alive with heartbeats', async () => {
    let calls = 0;
    const { receiver } = await start(
      {
        'echo.openfaas-fn': async (_req, res) => {
          calls++;
          await sleep(1_500);
          res.writeHead(200).end('slow');
        },
      },
      { ack_wait: '400ms' },
    );
    const m = sampleMessage();
    m.request.callbackUrl = receiver.url;
    await publish(m);
    await until('the callback', () => receiver.received.length === 1, 10_000, 20);
    await sleep(800);
    expect(calls).toBe(1);
    expect(receiver.received).toHaveLength(1);
  });

  it('never calls more functions at once than max_inflight', async () => {
    let now = 0;
    let most = 0;
    await start(
      {
        'echo.openfaas-fn': async (_req, res) => {
          most = Math.max(most, ++now);
          await sleep(80);
          now--;
          res.writeHead(200).end();
        },
      },
      { max_inflight: '3' },
    );
    for (let i = 0; i < 12; i++) await publish(sampleMessage());
    await until('every call', async () => (await backend.queue('faas-request').depth()) === 0, 10_000, 20);
    expect(most).toBe(3);
  });

  it('retries the callback, and counts a callback that never gets through', async () => {
    const { receiver } = await start({ 'echo.openfaas-fn': answering([200]) }, { callback_attempts: '3' });
    fixtures.push(receiver);
    const flaky = await callbackReceiver((n) => (n < 3 ? 502 : 200));
    const down = await callbackReceiver(() => 500);
    fixtures.push(flaky, down);
    const a = sampleMessage();
    a.request.callbackUrl = flaky.url;
    const b = sampleMessage();
    b.request.callbackUrl = down.url;
    await publish(a);
    await publish(b);
    await until('both settled', async () => (await backend.queue('faas-request').depth()) === 0, 10_000, 20);
    expect(flaky.received).toHaveLength(3);
    expect(down.received).toHaveLength(3);
    expect(await metric('queue_worker_callback_failures_total')).toBe(1);
  });

  it('on stop, lets the job in hand finish and acks it', async () => {
    let finished = 0;
    const { worker } = await start({
      'echo.openfaas-fn': async (_req, res) => {
        await sleep(400);
        finished++;
        res.writeHead(200).end();
      },
    });
    await publish(sampleMessage());
    await until(
      'the job to start',
      async () => (await registry.getSingleMetric('queue_worker_inflight')?.get())?.values[0]?.value === 1,
      10_000,
      20,
    );
    await worker.stop(5_000);
    expect(finished).toBe(1);
    expect(await backend.queue('faas-request').depth()).toBe(0);
  });

  it('on stop, puts a job that outlives the grace period back on the queue', async () => {
    let calls = 0;
    const { worker } = await start({
      'echo.openfaas-fn': async (_req, res) => {
        calls++;
        await new Promise<void>((done) => {
          const timer = setTimeout(done, 3_000);
          res.on('close', () => {
            clearTimeout(timer);
            done();
          });
        });
        if (!res.destroyed) res.writeHead(200).end();
      },
    });
    await publish(sampleMessage());
    await until('the job to start', () => calls === 1, 10_000, 20);
    await worker.stop(200);
    expect(await backend.queue('faas-request').depth()).toBe(1);
    expect(await metric('queue_worker_retries_total')).toBe(0);
  });
});
