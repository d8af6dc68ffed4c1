// Asynchronous invocation on a real orchestrator, written once for Swarm (swarm-async.ts) and
// Kubernetes (kubernetes-async.ts), each passing its handles: POST /async-function → 202 +
// X-Call-Id → the queue worker runs the call through the gateway and POSTs the X-Callback-Url;
// and a call queued while no worker runs survives a restart of NATS (its JetStream store on a
// volume), then runs.
//
// The callback receiver is an HTTP server in this test process, on the host, listening on every
// interface: the worker reaches it at the host's address as containers or pods see it, and the
// receiver sees every header (a function as the target would keep only the body).
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { until } from '@faas/service-kit/testing';
import { fetchWithin, type GatewayClient } from './swarm-support.js';

/** One callback the worker delivered. */
export interface Callback {
  /** Request headers, lower-case names. */
  headers: IncomingHttpHeaders;
  /** Request body. */
  body: string;
  /** When it arrived (ms since the epoch). */
  at: number;
}

/** An HTTP server on every interface that records each POST it gets and answers 204. */
export async function startReceiver(): Promise<{ server: Server; port: number; received: Callback[] }> {
  const received: Callback[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString(), at: Date.now() });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  return { server, port: (server.address() as AddressInfo).port, received };
}

/** What `sha512sum` prints for a body read from stdin. */
const sha512sum = (body: string) => `${createHash('sha512').update(body).digest('hex')}  -\n`;

/** An orchestrator's handles for the async cases. */
export interface AsyncTarget {
  /** `swarm` or `kubernetes`: the prefix of the measured lines. */
  platform: string;
  gateway: GatewayClient;
  /** Where NATS runs, for the titles: `NATS`, `the NATS StatefulSet`. */
  store: string;
  /** What restarting NATS is, for the titles: `the nats service`, `the NATS pod`. */
  restarted: string;
  /** The host's address as the queue worker sees it. */
  hostForWorker(): Promise<string>;
  /** Scales the queue worker and resolves once that many run (ready). */
  scaleWorker(replicas: number): Promise<void>;
  /** Restarts NATS and resolves once a new instance (not the old one) is ready. */
  restartNats(): Promise<void>;
}

export function describeAsyncCases(target: AsyncTarget): void {
  const { gateway, platform } = target;
  describe(`asynchronous invocation through ${target.store} and the queue worker`, () => {
    const fn = 'async-sha';
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let callbackUrl = '';

    beforeAll(async () => {
      receiver = await startReceiver();
      callbackUrl = `http://${await target.hostForWorker()}:${receiver.port}/callback`;
      const res = await gateway.system('POST', '/system/functions', {
        service: fn,
        image: 'faas/fn-sha512sum:latest',
      });
      expect(res.status).toBe(202);
      await gateway.invokeUntilOk(fn, 'warm', 120_000);
    }, 180_000);

    afterAll(async () => {
      await target.scaleWorker(1).catch(() => undefined);
      await gateway.system('DELETE', '/system/functions', { functionName: fn }).catch(() => undefined);
      await new Promise((resolve) => receiver?.server.close(resolve));
    }, 120_000);

    async function enqueue(body: string): Promise<string> {
      const res = await fetchWithin(`${gateway.baseUrl}/async-function/${fn}`, {
        method: 'POST',
        headers: { 'x-callback-url': callbackUrl, 'content-type': 'text/plain' },
        body,
      });
      expect([res.status, await res.text()]).toEqual([202, '']);
      const callId = res.headers.get('x-call-id');
      expect(callId).toMatch(/\S+/);
      return callId as string;
    }

    const callbackFor = (callId: string, ms: number) =>
      until(
        `the callback of ${callId}`,
        async () => receiver.received.find((c) => c.headers['x-call-id'] === callId),
        ms,
        250,
      );

    it('answers 202 with X-Call-Id, then POSTs the callback with X-Function-Status 200 and the SHA-512', async () => {
      const body = `async on ${platform} ${Date.now()}`;
      const started = Date.now();
      const callId = await enqueue(body);
      const callback = await callbackFor(callId, 60_000);
      console.log(`${platform} e2e: async round trip (202 → callback received) ${callback.at - started} ms`);
      expect(callback.headers['x-function-status']).toBe('200');
      expect(callback.headers['x-function-name']).toMatch(new RegExp(`^${fn}(\\.|$)`));
      expect(callback.body).toBe(sha512sum(body));
      expect(receiver.received.filter((c) => c.headers['x-call-id'] === callId)).toHaveLength(1);
    }, 90_000);

    it(`keeps a call queued while no worker runs across a restart of ${target.restarted}, then runs it`, async () => {
      await target.scaleWorker(0);
      const body = `queued across a nats restart ${Date.now()}`;
      const callId = await enqueue(body);
      const restarted = Date.now();
      await target.restartNats();
      console.log(
        `${platform} e2e: ${target.restarted} restarted, the new one ready in ${Date.now() - restarted} ms`,
      );
      expect(receiver.received.find((c) => c.headers['x-call-id'] === callId)).toBeUndefined();
      await target.scaleWorker(1);
      const callback = await callbackFor(callId, 90_000);
      expect(callback.headers['x-function-status']).toBe('200');
      expect(callback.body).toBe(sha512sum(body));
    }, 480_000);
  });
}
