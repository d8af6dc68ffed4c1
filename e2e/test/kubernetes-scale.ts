// Scaling on the real cluster through the gateway: up to N replicas (N Ready pods, calls spread
// over them), down to 0 (no pod left), and from zero on the first call (the gateway holds it until
// a pod is Ready); a function labelled com.openfaas.scale.zero goes to 0 by itself when idle. The
// cold starts are measured (bench/README).
import { until } from '@faas/service-kit/testing';
import { type GatewayClient, podsOf } from './kubernetes-support.js';

export function describeScaling(gateway: GatewayClient, namespace: string): void {
  describe('scaling 0 ↔ N through the gateway', () => {
    afterAll(async () => {
      for (const functionName of ['scale-env', 'scale-idle']) {
        await gateway.system('DELETE', '/system/functions', { functionName }).catch(() => undefined);
      }
    }, 60_000);

    async function scale(name: string, replicas: number): Promise<void> {
      const res = await gateway.system('POST', `/system/scale-function/${name}`, {
        serviceName: name,
        replicas,
      });
      expect([res.status, await res.text()]).toEqual([202, '']);
    }

    async function readyPods(name: string, count: number, ms = 120_000): Promise<string[]> {
      return until(
        `${count} Ready pod(s) of ${name} and nothing else`,
        async () => {
          const pods = await podsOf(name, namespace);
          const ready = pods.filter((p) => p.ready && p.phase === 'Running');
          return ready.length === count && pods.length === count ? ready.map((p) => p.name) : undefined;
        },
        ms,
        500,
      );
    }

    it('scales to 3 Ready pods and spreads calls over them, then to 0 with no pod left', async () => {
      const deployed = await gateway.system('POST', '/system/functions', {
        service: 'scale-env',
        image: 'faas/fn-env:latest',
      });
      expect(deployed.status).toBe(202);
      await gateway.invokeUntilOk('scale-env', '', 120_000);
      await scale('scale-env', 3);
      const pods = await readyPods('scale-env', 3);
      await until(
        'the gateway to report 3 available replicas',
        async () => {
          const s = await gateway.status('scale-env');
          return s?.replicas === 3 && s.availableReplicas === 3 ? true : undefined;
        },
        30_000,
        250,
      );
      const seen = new Set<string>();
      for (let i = 0; i < 12; i++) {
        const res = await gateway.invoke('scale-env', '');
        const text = await res.text();
        expect(res.status).toBe(200);
        seen.add(/^HOSTNAME=(.+)$/m.exec(text)?.[1] ?? '?');
      }
      expect([...seen].sort()).toEqual([...pods].sort());

      await scale('scale-env', 0);
      await readyPods('scale-env', 0);
      expect(await gateway.status('scale-env')).toMatchObject({ replicas: 0, availableReplicas: 0 });
    }, 300_000);

    it('serves the first call after 0 replicas: the gateway scales from zero and holds the call', async () => {
      const body = `from zero ${'y'.repeat(50_000)}`;
      const started = performance.now();
      const res = await gateway.invoke('scale-env', body, 'POST', 60_000);
      const ms = Math.round(performance.now() - started);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Http_Method=POST');
      console.log(
        `kubernetes e2e: cold start from 0 replicas (scale-function), first call answered in ${ms} ms`,
      );
      expect(await gateway.status('scale-env')).toMatchObject({ replicas: 1, availableReplicas: 1 });
      expect((await podsOf('scale-env', namespace)).length).toBe(1);
    }, 120_000);

    it('idles a com.openfaas.scale.zero function to 0 by itself, and serves from zero again (cold starts measured)', async () => {
      const deployed = await gateway.system('POST', '/system/functions', {
        service: 'scale-idle',
        image: 'faas/fn-cat:latest',
        labels: { 'com.openfaas.scale.zero': 'true', 'com.openfaas.scale.zero-duration': '5s' },
      });
      expect(deployed.status).toBe(202);
      await gateway.invokeUntilOk('scale-idle', 'warm', 120_000);
      const coldStarts: number[] = [];
      for (let round = 0; round < 3; round++) {
        await until(
          'scale-idle to go to 0 replicas by itself',
          async () => {
            const s = await gateway.status('scale-idle');
            return s?.replicas === 0 ? true : undefined;
          },
          60_000,
          500,
        );
        await readyPods('scale-idle', 0);
        const body = `round ${round}`;
        const started = performance.now();
        const res = await gateway.invoke('scale-idle', body, 'POST', 60_000);
        coldStarts.push(Math.round(performance.now() - started));
        expect([round, res.status, await res.text()]).toEqual([round, 200, body]);
      }
      const sorted = [...coldStarts].sort((a, b) => a - b);
      console.log(
        `kubernetes e2e: cold start of cat from zero through the gateway: ${coldStarts.join(', ')} ms (median ${sorted[1]} ms)`,
      );
      // The gateway holds a call for a replica at most scale_from_zero_timeout (30 s).
      expect(sorted[2]).toBeLessThan(30_000);
    }, 400_000);
  });
}
