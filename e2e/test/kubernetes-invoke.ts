// Invocations on the real cluster, three ways a caller reaches a function: through the gateway
// (/function/<name> and /function/<name>.<namespace>), through the provider's own invoke proxy,
// and from inside the cluster by the function's Service name (ClusterIP via kube-proxy, the name
// via CoreDNS), the way functions call each other. Each of the watchdog's modes answers: classic
// (fn-cat, fn-sha512sum), streaming, http (fn-redirect, its 302 passed through unfollowed).
import { createHash } from 'node:crypto';
import { until } from '@faas/service-kit/testing';
import { type GatewayClient, kubectl, PLATFORM_NS, podsOf } from './kubernetes-support.js';

export function describeInvocations(
  gateway: GatewayClient,
  providerUrl: () => string,
  namespace: string,
): void {
  describe('invocations, three ways', () => {
    beforeAll(async () => {
      for (const fn of [
        { service: 'inv-cat', image: 'faas/fn-cat:latest' },
        { service: 'inv-sha', image: 'faas/fn-sha512sum:latest' },
        {
          service: 'inv-redirect',
          image: 'faas/fn-redirect:latest',
          envVars: { location: 'https://example.com/moved' },
        },
        {
          service: 'inv-stream',
          image: 'faas/watchdog:latest',
          envProcess: 'rev',
          envVars: { mode: 'streaming' },
        },
      ]) {
        const res = await gateway.system('POST', '/system/functions', fn);
        expect([fn.service, res.status]).toEqual([fn.service, 202]);
      }
      await gateway.invokeUntilOk('inv-cat', 'warm', 120_000);
    }, 180_000);

    afterAll(async () => {
      for (const functionName of ['inv-cat', 'inv-sha', 'inv-redirect', 'inv-stream']) {
        await gateway.system('DELETE', '/system/functions', { functionName }).catch(() => undefined);
      }
    }, 60_000);

    it('through the gateway, by name and by name.namespace', async () => {
      const res = await gateway.invoke('inv-cat', 'hello kubernetes');
      expect([res.status, await res.text()]).toEqual([200, 'hello kubernetes']);
      const qualified = await gateway.invoke(`inv-cat.${namespace}`, 'qualified');
      expect([qualified.status, await qualified.text()]).toEqual([200, 'qualified']);
      const body = 'x'.repeat(256 * 1024);
      expect(await gateway.invokeUntilOk('inv-sha', body, 60_000)).toBe(
        `${createHash('sha512').update(body).digest('hex')}  -\n`,
      );
    }, 90_000);

    it('through the provider directly (its invoke proxy to a ready pod)', async () => {
      const res = await fetch(`${providerUrl()}/function/inv-cat`, { method: 'POST', body: 'via provider' });
      expect([res.status, await res.text()]).toEqual([200, 'via provider']);
    });

    it('from inside the cluster by the function Service name (kube-proxy + CoreDNS)', async () => {
      const pod = await until(
        'a Ready pod of inv-stream',
        async () => (await podsOf('inv-stream', namespace)).find((p) => p.ready),
        120_000,
        500,
      );
      // A second function's pod calls inv-cat by its Service, as functions call each other. The
      // Service is new and kube-proxy programs it a moment later; one CI run got a 404 on the
      // first try (from which server is not known), so the call is repeated until it reaches
      // inv-cat, and a failure names the last answer.
      const out = await until(
        'inv-cat through its Service from a pod',
        () =>
          kubectl([
            '-n',
            namespace,
            'exec',
            pod.name,
            '--',
            'wget',
            '-q',
            '-O',
            '-',
            '--post-data',
            'from a pod',
            `http://inv-cat.${namespace}:8080/`,
          ]),
        45_000,
        2_000,
      );
      expect(out).toBe('from a pod');
      // And the gateway's own pod resolves the short Service name of the platform namespace.
      const gatewayPod = await kubectl(['-n', PLATFORM_NS, 'get', 'pods', '-l', 'app=gateway', '-o', 'name']);
      const nslookup = await kubectl([
        '-n',
        PLATFORM_NS,
        'exec',
        gatewayPod.trim().split('\n')[0]!,
        '-c',
        'gateway',
        '--',
        'node',
        '-e',
        "require('dns').promises.lookup('nats').then(a=>console.log(a.address))",
      ]);
      expect(nslookup.trim()).toMatch(/^10\.244\./);
    }, 180_000);

    it('in streaming mode (stdout as it comes) and http mode (a 302 passed through, not followed)', async () => {
      expect(await gateway.invokeUntilOk('inv-stream', 'stressed', 60_000)).toBe('desserts');
      const redirect = await waitForStatus(gateway, 'inv-redirect', 302);
      expect(redirect.headers.get('location')).toBe('https://example.com/moved');
    }, 90_000);
  });
}

/** GETs `name` every 500 ms until it answers `status` (for up to a minute), and returns that answer. */
function waitForStatus(gateway: GatewayClient, name: string, status: number): Promise<Response> {
  return until(
    `${name} to answer ${status}`,
    async () => {
      const res = await gateway.invoke(name, '', 'GET');
      if (res.status === status) return res;
      await res.body?.cancel();
      throw new Error(`last answer ${res.status}`);
    },
    60_000,
    500,
  );
}
