// Asynchronous invocation on the real cluster: POST /async-function → 202 + X-Call-Id, stored in
// the NATS StatefulSet (JetStream on its PersistentVolume), run by the queue-worker Deployment
// through the gateway Service, the result POSTed to the X-Callback-Url; and a call queued while
// no worker runs survives a restart of the NATS pod (same claim, new pod), then runs.
//
// The callback receiver is an HTTP server in this test process, on the host; pods reach the host
// at their bridge's gateway address (cluster.sh env: FAAS_K8S_HOST_FOR_PODS).
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  clusterEnv,
  type GatewayClient,
  kubectl,
  PLATFORM_NS,
  platformPods,
  waitFor,
} from './kubernetes-support.js';

interface Callback {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

const sha512sum = (body: string) => `${createHash('sha512').update(body).digest('hex')}  -\n`;

export function describeAsync(gateway: GatewayClient): void {
  describe('asynchronous invocation through the NATS StatefulSet and the queue worker', () => {
    const fn = 'async-sha';
    const received: Callback[] = [];
    let server: Server;
    let callbackUrl = '';

    beforeAll(async () => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({ headers: req.headers, body: Buffer.concat(chunks).toString(), at: Date.now() });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
      callbackUrl = `http://${clusterEnv.FAAS_K8S_HOST_FOR_PODS}:${(server.address() as AddressInfo).port}/callback`;
      const res = await gateway.system('POST', '/system/functions', {
        service: fn,
        image: 'faas/fn-sha512sum:latest',
      });
      expect(res.status).toBe(202);
      await gateway.invokeUntilOk(fn, 'warm', 120_000);
    }, 180_000);

    afterAll(async () => {
      await scaleWorker(1).catch(() => undefined);
      await gateway.system('DELETE', '/system/functions', { functionName: fn }).catch(() => undefined);
      await new Promise((resolve) => server?.close(resolve));
    }, 120_000);

    async function enqueue(body: string): Promise<string> {
      const res = await fetch(`${gateway.baseUrl}/async-function/${fn}`, {
        method: 'POST',
        headers: { 'x-callback-url': callbackUrl, 'content-type': 'text/plain' },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      expect([res.status, await res.text()]).toEqual([202, '']);
      const callId = res.headers.get('x-call-id');
      expect(callId).toMatch(/\S+/);
      return callId as string;
    }

    const callbackFor = (callId: string, ms: number) =>
      waitFor(
        `the callback of ${callId}`,
        ms,
        async () => received.find((c) => c.headers['x-call-id'] === callId),
        250,
      );

    async function scaleWorker(replicas: number): Promise<void> {
      await kubectl(['-n', PLATFORM_NS, 'scale', 'deploy/queue-worker', `--replicas=${replicas}`]);
      await waitFor(
        `${replicas} Ready queue worker pod(s)`,
        120_000,
        async () => {
          const pods = await platformPods('queue-worker');
          return pods.length === replicas && pods.every((p) => p.ready) ? true : undefined;
        },
        500,
      );
    }

    it('answers 202 with X-Call-Id, then POSTs the callback with X-Function-Status 200 and the SHA-512', async () => {
      const body = `async on kubernetes ${Date.now()}`;
      const started = Date.now();
      const callId = await enqueue(body);
      const callback = await callbackFor(callId, 60_000);
      console.log(`kubernetes e2e: async round trip (202 → callback received) ${callback.at - started} ms`);
      expect(callback.headers['x-function-status']).toBe('200');
      expect(callback.headers['x-function-name']).toMatch(new RegExp(`^${fn}(\\.|$)`));
      expect(callback.body).toBe(sha512sum(body));
      expect(received.filter((c) => c.headers['x-call-id'] === callId)).toHaveLength(1);
    }, 90_000);

    it('keeps a call queued while no worker runs across a restart of the NATS pod, then runs it', async () => {
      await scaleWorker(0);
      const body = `queued across a nats restart ${Date.now()}`;
      const callId = await enqueue(body);
      const [before] = await platformPods('nats');
      const restarted = Date.now();
      await kubectl(
        ['-n', PLATFORM_NS, 'delete', 'pod', before!.name, '--wait=true', '--timeout=120s'],
        150_000,
      );
      await kubectl(['-n', PLATFORM_NS, 'rollout', 'status', 'statefulset/nats', '--timeout=180s'], 200_000);
      await waitFor(
        'the new NATS pod Ready',
        180_000,
        async () => {
          const [pod] = await platformPods('nats');
          return pod?.ready ? true : undefined;
        },
        500,
      );
      console.log(
        `kubernetes e2e: NATS pod deleted and its replacement Ready in ${Date.now() - restarted} ms`,
      );
      expect(received.find((c) => c.headers['x-call-id'] === callId)).toBeUndefined();
      await scaleWorker(1);
      const callback = await callbackFor(callId, 90_000);
      expect(callback.headers['x-function-status']).toBe('200');
      expect(callback.body).toBe(sha512sum(body));
    }, 480_000);
  });
}
