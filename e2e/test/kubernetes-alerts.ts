// Scaling from alerts on the real cluster, with the manifests' own Prometheus and AlertManager:
// Prometheus scrapes the gateway Service, the scaling rule fires above 5 successful calls per
// second, AlertManager posts it to the gateway's /system/alert with the basic-auth password from
// the Secret, the gateway scales the Deployment up; when the calls stop, the resolved alert takes it
// back to com.openfaas.scale.min.
import { until } from '@faas/service-kit/testing';
import { type GatewayClient, podsOf } from './kubernetes-support.js';

export function describeAlertScaling(gateway: GatewayClient, namespace: string): void {
  describe('AlertManager-driven scaling', () => {
    const fn = 'alert-cat';

    afterAll(async () => {
      await gateway.system('DELETE', '/system/functions', { functionName: fn }).catch(() => undefined);
    }, 60_000);

    it('scales a function up while it gets over 5 calls/s, and back to 1 once the alert resolves', async () => {
      const deployed = await gateway.system('POST', '/system/functions', {
        service: fn,
        image: 'faas/fn-cat:latest',
      });
      expect(deployed.status).toBe(202);
      await gateway.invokeUntilOk(fn, 'warm', 120_000);
      const started = Date.now();
      let stop = false;
      let ok = 0;
      // Four callers, each about 5 calls/s: ~20/s, well over the rule's 5/s, for at most 3 minutes.
      const load = Promise.all(
        [0, 1, 2, 3].map(async () => {
          while (!stop && Date.now() - started < 180_000) {
            const res = await gateway.invoke(fn, 'load').catch(() => undefined);
            if (res?.status === 200) ok++;
            await res?.text();
            await new Promise((r) => setTimeout(r, 200));
          }
        }),
      );
      try {
        const replicas = await until(
          'the alert to scale the function above 1 replica',
          async () => {
            const s = await gateway.status(fn);
            return s && (s.replicas as number) > 1 ? (s.replicas as number) : undefined;
          },
          170_000,
          1000,
        );
        const scaledAt = Date.now();
        console.log(
          `kubernetes e2e: APIHighInvocationRate scaled ${fn} to ${replicas} replicas ${scaledAt - started} ms after the load began (${ok} calls so far)`,
        );
        await until(
          `${replicas} Ready pods`,
          async () => {
            const pods = (await podsOf(fn, namespace)).filter((p) => p.ready);
            return pods.length === replicas ? true : undefined;
          },
          120_000,
          1000,
        );
      } finally {
        stop = true;
        await load;
      }
      const stoppedAt = Date.now();
      await until(
        'the resolved alert to take the function back to 1 replica',
        async () => {
          const s = await gateway.status(fn);
          return s?.replicas === 1 ? true : undefined;
        },
        180_000,
        1000,
      );
      console.log(`kubernetes e2e: back to 1 replica ${Date.now() - stoppedAt} ms after the load stopped`);
    }, 600_000);
  });
}
