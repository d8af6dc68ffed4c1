// Asynchronous invocation on the real Swarm stack, run inside swarm-stack.test.ts so one
// stack deploy serves both: POST /async-function → 202 + X-Call-Id → the queue worker (a container
// on the overlay) runs the call through the gateway and POSTs the X-Callback-Url; and a call queued
// while no worker runs survives a restart of the nats service (its JetStream store is the named
// volume <stack>_nats-data).
//
// The callback receiver is an HTTP server in this test process, on the host. The worker reaches
// it at the host's address on docker_gwbridge (the bridge every overlay container uses to leave
// its overlay, 172.18.0.1 here): on this single-node swarm that is the same host, the receiver
// sees every header (a function as the target, e.g. fn-webhook-stash, would keep only the body).
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchWithin, type GatewayClient, run, waitFor } from './swarm-support.js';

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

/** The host's address as containers on an overlay network see it (docker_gwbridge's gateway). */
export async function hostAddressForContainers(): Promise<string> {
  const out = await run('docker', [
    'network',
    'inspect',
    'docker_gwbridge',
    '--format',
    '{{(index .IPAM.Config 0).Gateway}}',
  ]);
  return out.trim();
}

/** What `sha512sum` prints for a body read from stdin. */
const sha512sum = (body: string) => `${createHash('sha512').update(body).digest('hex')}  -\n`;

/** Registers the async suite; `stack` is the stack name up.sh used. */
export function describeSwarmAsync(gateway: GatewayClient, stack = 'faas'): void {
  describe('asynchronous invocation through NATS and the queue worker', () => {
    const fn = 'async-sha';
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let callbackUrl = '';

    beforeAll(async () => {
      receiver = await startReceiver();
      callbackUrl = `http://${await hostAddressForContainers()}:${receiver.port}/callback`;
      const res = await gateway.system('POST', '/system/functions', {
        service: fn,
        image: 'faas/fn-sha512sum:latest',
      });
      expect(res.status).toBe(202);
      await gateway.invokeUntilOk(fn, 'warm', 60_000);
    }, 90_000);

    afterAll(async () => {
      await scaleWorker(1).catch(() => undefined);
      await new Promise((resolve) => receiver?.server.close(resolve));
    }, 60_000);

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
      waitFor(`the callback of ${callId}`, ms, async () =>
        receiver.received.find((c) => c.headers['x-call-id'] === callId),
      );

    async function scaleWorker(replicas: number): Promise<void> {
      await run('docker', ['service', 'scale', '--detach', `${stack}_queue-worker=${replicas}`]);
      await waitFor(
        `${replicas} queue worker container(s)`,
        30_000,
        async () => ((await containersOf(`${stack}_queue-worker`)).length === replicas ? true : undefined),
        250,
      );
    }

    it('answers 202 with X-Call-Id, then POSTs the callback with X-Function-Status 200 and the SHA-512', async () => {
      const body = `async on swarm ${Date.now()}`;
      const started = Date.now();
      const callId = await enqueue(body);
      const callback = await callbackFor(callId, 30_000);
      console.log(`swarm e2e: async round trip (202 → callback received) ${callback.at - started} ms`);
      expect(callback.headers['x-function-status']).toBe('200');
      expect(callback.headers['x-function-name']).toMatch(new RegExp(`^${fn}(\\.|$)`));
      expect(callback.body).toBe(sha512sum(body));
      expect(receiver.received.filter((c) => c.headers['x-call-id'] === callId)).toHaveLength(1);
    }, 60_000);

    it('keeps a call queued while no worker runs across a restart of the nats service, then runs it', async () => {
      await scaleWorker(0);
      const body = `queued across a nats restart ${Date.now()}`;
      const callId = await enqueue(body);
      const [before] = await containersOf(`${stack}_nats`);
      const restarted = Date.now();
      await run('docker', ['service', 'update', '--force', '--detach', `${stack}_nats`]);
      const after = await waitFor(
        'a new, healthy nats container',
        30_000,
        async () => {
          const [id] = await containersOf(`${stack}_nats`, 'healthy');
          return id && id !== before ? id : undefined;
        },
        250,
      );
      console.log(
        `swarm e2e: nats service restarted (new container healthy) in ${Date.now() - restarted} ms`,
      );
      expect(after).not.toBe(before);
      expect(receiver.received.find((c) => c.headers['x-call-id'] === callId)).toBeUndefined();
      await scaleWorker(1);
      const callback = await callbackFor(callId, 30_000);
      expect(callback.headers['x-function-status']).toBe('200');
      expect(callback.body).toBe(sha512sum(body));
    }, 150_000);
  });
}

/** Running containers of a service (optionally only those with this health status). */
async function containersOf(service: string, health?: string): Promise<string[]> {
  const filters = ['-f', `label=com.docker.swarm.service.name=${service}`];
  if (health) filters.push('-f', `health=${health}`);
  const out = await run('docker', ['ps', '-q', ...filters]);
  return out.split('\n').filter(Boolean);
}
