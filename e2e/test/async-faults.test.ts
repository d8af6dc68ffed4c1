// Asynchronous invocation under faults: a real nats-server with JetStream storage, the
// queue worker as a real process, the real async routes; functions are test HTTP handlers behind
// a stand-in gateway so each test controls what they answer and sees every invocation.
import type { ServerResponse } from 'node:http';
import { components, describeWith } from '@faas/e2e';
import { startNatsServer, type NatsServer } from '@faas/queue/testing';
import { until } from '@faas/service-kit/testing';
import {
  buildWorker,
  callbackReceiver,
  enqueue,
  standInGateway,
  startWorker,
  type TestFunction,
  type WorkerProcess,
} from './async-support.js';

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A function that answers `statuses[n]` on its n-th call (the last repeats) and counts calls. */
function scripted(statuses: number[], delayMs = 0): TestFunction & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (req: { headers: Record<string, unknown>; body: Buffer }, res: ServerResponse) => {
    calls.push(String(req.headers['x-call-id']));
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    const status = statuses[Math.min(calls.length - 1, statuses.length - 1)] as number;
    res
      .writeHead(status, { 'content-type': 'text/plain' })
      .end(`status ${status} for ${req.body.toString()}`);
  };
  return Object.assign(fn, { calls });
}

describeWith([components.nats], 'async invocation under faults', () => {
  let nats: NatsServer;
  beforeAll(() => buildWorker(), 120_000);
  beforeEach(async () => {
    nats = await startNatsServer();
    cleanup.push(() => nats.dispose());
  });

  async function worker(gatewayUrl: string, env: Record<string, string> = {}): Promise<WorkerProcess> {
    const w = startWorker({
      faas_nats_address: nats.url,
      faas_gateway_address: gatewayUrl,
      initial_retry_wait: '200ms',
      max_retry_wait: '1s',
      ack_wait: '3s',
      ...env,
    });
    cleanup.push(() => w.stop('SIGKILL'));
    await until('the worker to start', () => w.output().includes('queue worker started'), 20_000, 50);
    return w;
  }

  it('loses nothing when the worker is killed with SIGKILL mid-batch; duplicates only for the calls in hand', async () => {
    const invoked: string[] = [];
    const gateway = await standInGateway(nats.url, {
      'work.openfaas-fn': async (req, res) => {
        const id = String(req.headers['x-call-id']);
        invoked.push(id);
        await new Promise((r) => setTimeout(r, 30));
        res.writeHead(200).end(`done ${req.body.toString()}`);
      },
    });
    cleanup.push(() => gateway.close());
    const receiver = await callbackReceiver();
    cleanup.push(() => receiver.close());

    const ids: string[] = [];
    for (let i = 0; i < 300; i++) {
      const { status, callId } = await enqueue(gateway.url, 'work', String(i), receiver.url);
      expect(status).toBe(202);
      ids.push(callId);
    }
    const first = await worker(gateway.url, { max_inflight: '8' });
    await until('a third of the batch', () => receiver.received.length >= 100, 60_000, 50);
    await first.stop('SIGKILL');
    const seenBeforeKill = new Set(invoked);

    await worker(gateway.url, { max_inflight: '8' });
    await until(
      'every callback',
      () => new Set(receiver.received.map((c) => c.callId)).size === ids.length,
      120_000,
      50,
    );
    const counts = new Map<string, number>();
    for (const id of invoked) counts.set(id, (counts.get(id) ?? 0) + 1);
    const duplicated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    console.log(
      `kill -9 mid-batch: ${seenBeforeKill.size} invoked before the kill, ${invoked.length} invocations for ${ids.length} calls, duplicated: ${duplicated.length}`,
    );
    expect(new Set(receiver.received.map((c) => c.callId))).toEqual(new Set(ids));
    // A call runs twice only if the killed worker had it in hand (invoked, acknowledgement not sent).
    expect(duplicated.length).toBeLessThanOrEqual(8);
    for (const id of duplicated) expect(seenBeforeKill.has(id)).toBe(true);
    for (const n of counts.values()) expect(n).toBeLessThanOrEqual(2);
    expect(first.output()).toContain('queue worker started');
  }, 240_000);

  it('loses nothing when the gateway and nats-server restart between enqueue and processing', async () => {
    const fn = scripted([200]);
    let gateway = await standInGateway(nats.url, { 'work.openfaas-fn': fn });
    const port = gateway.port;
    const receiver = await callbackReceiver();
    cleanup.push(() => receiver.close());
    const ids: string[] = [];
    for (let i = 0; i < 100; i++)
      ids.push((await enqueue(gateway.url, 'work', String(i), receiver.url)).callId);

    await gateway.close();
    await nats.stop('SIGKILL');
    await nats.start();
    gateway = await standInGateway(nats.url, { 'work.openfaas-fn': fn }, port);
    cleanup.push(() => gateway.close());

    await worker(gateway.url);
    await until('every callback', () => receiver.received.length >= ids.length, 60_000, 50);
    expect(new Set(receiver.received.map((c) => c.callId))).toEqual(new Set(ids));
    expect(fn.calls).toHaveLength(100);
  }, 120_000);

  it('answers 503 while nats-server is down, and 202 again once it is back', async () => {
    const gateway = await standInGateway(nats.url, { 'work.openfaas-fn': scripted([200]) });
    cleanup.push(() => gateway.close());
    expect((await enqueue(gateway.url, 'work', 'before')).status).toBe(202);
    await nats.stop('SIGKILL');
    const down = await enqueue(gateway.url, 'work', 'during');
    expect(down.status).toBe(503);
    await nats.start();
    await until(
      'a 202 again',
      async () => (await enqueue(gateway.url, 'work', 'after')).status === 202,
      20_000,
      50,
    );
  }, 60_000);

  it('retries 503 twice, then delivers one successful callback', async () => {
    const fn = scripted([503, 503, 200]);
    const gateway = await standInGateway(nats.url, { 'flaky.openfaas-fn': fn });
    cleanup.push(() => gateway.close());
    const receiver = await callbackReceiver();
    cleanup.push(() => receiver.close());
    const w = await worker(gateway.url);

    const { callId } = await enqueue(gateway.url, 'flaky', 'input', receiver.url);
    await until('the callback', () => receiver.received.length === 1, 30_000, 50);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(fn.calls).toEqual([callId, callId, callId]);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({
      callId,
      body: 'status 200 for input',
      headers: expect.objectContaining({ 'x-function-status': '200', 'x-function-name': 'flaky' }),
    });
    expect(w.output()).toMatch(/"msg":"retrying"/);
  }, 60_000);

  it('dead-letters a call that always fails; a re-drive through /system/async runs it again', async () => {
    const fn = scripted([503]);
    const gateway = await standInGateway(nats.url, { 'broken.openfaas-fn': fn });
    cleanup.push(() => gateway.close());
    await worker(gateway.url, { max_retry_attempts: '3' });

    const { callId } = await enqueue(gateway.url, 'broken', 'input');
    type Letter = { id: string; attempts: number; status: number; message: { request: { callId: string } } };
    let letters: Letter[] = [];
    await until(
      'the dead letter',
      async () => {
        letters = (await (await fetch(`${gateway.url}/system/async/dead-letters`)).json()) as Letter[];
        return letters.length === 1;
      },
      30_000,
      50,
    );
    expect(letters[0]).toMatchObject({ attempts: 3, status: 503, message: { request: { callId } } });
    expect(fn.calls).toHaveLength(3);

    const redriven = await fetch(`${gateway.url}/system/async/dead-letters/${letters[0]!.id}/redrive`, {
      method: 'POST',
    });
    expect(redriven.status).toBe(202);
    await until('three more attempts', () => fn.calls.length === 6, 30_000, 50);
    await until(
      'the second dead letter',
      async () =>
        ((await (await fetch(`${gateway.url}/system/async/dead-letters`)).json()) as Letter[]).length === 1,
      30_000,
      50,
    );
  }, 90_000);

  it('runs a job longer than the ack deadline exactly once', async () => {
    const fn = scripted([200], 7_000);
    const gateway = await standInGateway(nats.url, { 'slow.openfaas-fn': fn });
    cleanup.push(() => gateway.close());
    const receiver = await callbackReceiver();
    cleanup.push(() => receiver.close());
    await worker(gateway.url, { ack_wait: '2s' });

    await enqueue(gateway.url, 'slow', 'input', receiver.url);
    await until('the callback', () => receiver.received.length === 1, 30_000, 50);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(fn.calls).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
  }, 60_000);

  it('finishes the job in hand on SIGTERM, then exits 0', async () => {
    const fn = scripted([200], 2_000);
    const gateway = await standInGateway(nats.url, { 'slow.openfaas-fn': fn });
    cleanup.push(() => gateway.close());
    const receiver = await callbackReceiver();
    cleanup.push(() => receiver.close());
    const w = await worker(gateway.url);

    await enqueue(gateway.url, 'slow', 'input', receiver.url);
    await until('the job to start', () => fn.calls.length === 1, 20_000, 50);
    const exit = await w.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(receiver.received).toHaveLength(1);
    expect(w.output()).toContain('"msg":"stopped"');
    expect(await gateway.backend.queue('faas-request').depth()).toBe(0);
  }, 60_000);
});
