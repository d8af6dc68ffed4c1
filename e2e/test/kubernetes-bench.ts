// Deploy to first invocation on the real cluster, through the gateway: POST /system/functions →
// the Deployment, the scheduler, the kubelet starting the pod, the readiness probe, the
// EndpointSlice, the first 200. Printed for bench/README.
import type { GatewayClient } from './kubernetes-support.js';

export function describeDeployTiming(gateway: GatewayClient): void {
  describe('deploy to first invocation', () => {
    const names = ['bench-one', ...Array.from({ length: 10 }, (_, i) => `bench-ten-${i}`)];

    afterAll(async () => {
      for (const functionName of names) {
        await gateway.system('DELETE', '/system/functions', { functionName }).catch(() => undefined);
      }
    }, 120_000);

    async function timeToFirstInvocation(batch: string[]): Promise<number[]> {
      const started = Date.now();
      await Promise.all(
        batch.map(async (service) => {
          const res = await gateway.system('POST', '/system/functions', {
            service,
            image: 'faas/fn-cat:latest',
          });
          if (res.status !== 202) throw new Error(`deploy ${service}: ${res.status} ${await res.text()}`);
        }),
      );
      return Promise.all(
        batch.map(async (name) => {
          await gateway.invokeUntilOk(name, 'hi', 120_000, 5_000);
          return Date.now() - started;
        }),
      );
    }

    it('serves one new function within 30 s of POST /system/functions', async () => {
      const [ms] = await timeToFirstInvocation(['bench-one']);
      console.log(`kubernetes e2e: 1 function: POST → first 200 in ${ms} ms`);
      expect(ms).toBeLessThan(30_000);
    }, 150_000);

    it('serves ten functions deployed at once within 90 s', async () => {
      const times = (await timeToFirstInvocation(names.slice(1))).sort((a, b) => a - b);
      console.log(
        `kubernetes e2e: 10 functions at once: first ${times[0]} ms, median ${times[4]} ms, last ${times[9]} ms`,
      );
      expect(times[9]).toBeLessThan(90_000);
    }, 240_000);
  });
}
