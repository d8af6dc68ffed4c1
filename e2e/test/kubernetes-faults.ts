// Faults on the real cluster: an image that does not exist (the status says why), a function pod
// deleted under load (calls keep succeeding, an idempotent call that failed succeeds on its one
// retry), the provider container killed (the kubelet restarts it; it lists every function as
// before: orchestrator-faults.ts), the gateway pod replaced by a rollout restart (functions keep
// running; the gateway Service serves the new pod). A NATS restart with a call queued is in
// kubernetes-async.ts.
import { until } from '@faas/service-kit/testing';
import {
  clusterEnv,
  type GatewayClient,
  getJson,
  kubectl,
  PLATFORM_NS,
  platformPods,
  podsOf,
  run,
} from './kubernetes-support.js';
import { itListsFunctionsAfterProviderRestart } from './orchestrator-faults.js';

export function describeFaults(gateway: GatewayClient, namespace: string): void {
  describe('faults', () => {
    afterAll(async () => {
      for (const functionName of ['fault-load', 'fault-restart', 'fault-noimage']) {
        await gateway.system('DELETE', '/system/functions', { functionName }).catch(() => undefined);
      }
      await gateway.system('DELETE', '/system/secrets', { name: 'fault-token' }).catch(() => undefined);
    }, 60_000);

    it('loses no call when a function pod is deleted under load (one retry per failed idempotent call)', async () => {
      await gateway.deploy({
        service: 'fault-load',
        image: 'faas/fn-cat:latest',
        labels: { 'com.openfaas.scale.min': '2' },
      });
      await gateway.invokeUntilOk('fault-load', 'warm', 120_000);
      const pods = await until(
        '2 Ready pods',
        async () => {
          const ready = (await podsOf('fault-load', namespace)).filter((p) => p.ready);
          return ready.length === 2 ? ready : undefined;
        },
        120_000,
        500,
      );
      const victim = pods[0]!.name;
      // Four callers for 20 s, each call a GET-like idempotent echo with a 10 s limit.
      const loadEnds = Date.now() + 20_000;
      let calls = 0;
      let firstTryFailures = 0;
      let lost = 0;
      let slowest = 0;
      const callOnce = async (body: string) => {
        const started = Date.now();
        try {
          const res = await gateway.invoke('fault-load', body, 'POST', 10_000);
          const ok = res.status === 200 && (await res.text()) === body;
          return ok;
        } catch {
          return false;
        } finally {
          slowest = Math.max(slowest, Date.now() - started);
        }
      };
      const caller = async (id: number) => {
        while (Date.now() < loadEnds) {
          const body = `caller ${id} call ${calls++}`;
          if (await callOnce(body)) continue;
          firstTryFailures++;
          if (!(await callOnce(body))) lost++;
        }
      };
      const load = Promise.all([0, 1, 2, 3].map(caller));
      await new Promise((r) => setTimeout(r, 5_000));
      const deletedAt = Date.now();
      await kubectl(['-n', namespace, 'delete', 'pod', victim, '--wait=false']);
      await load;
      const replaced = await until(
        'a replacement pod Ready',
        async () => {
          const ready = (await podsOf('fault-load', namespace)).filter(
            (p) => p.ready && p.phase === 'Running',
          );
          return ready.length === 2 && !ready.some((p) => p.name === victim) ? ready : undefined;
        },
        120_000,
        500,
      );
      console.log(
        `kubernetes e2e: pod deleted under load: ${calls} calls, ${firstTryFailures} failed once, ${lost} lost, slowest ${slowest} ms; replacement Ready ${Date.now() - deletedAt} ms after the delete`,
      );
      expect(replaced).toHaveLength(2);
      expect(lost).toBe(0);
      expect(calls).toBeGreaterThan(20);
    }, 300_000);

    itListsFunctionsAfterProviderRestart({
      platform: 'kubernetes',
      gateway,
      alsoListed: [],
      async killProvider() {
        const [pod] = await platformPods('gateway');
        const provider = async () => {
          const status = await getJson<{
            status: { containerStatuses: { name: string; restartCount: number; containerID: string }[] };
          }>(['-n', PLATFORM_NS, 'pod', pod!.name]);
          return status.status.containerStatuses.find((c) => c.name === 'provider')!;
        };
        const { restartCount: restartsBefore, containerID } = await provider();
        // SIGKILL to the provider's container from the node: the kubelet restarts it. (From
        // inside, its PID 1 cannot be killed.)
        await run('ctr', [
          '-a',
          clusterEnv.FAAS_K8S_CONTAINERD!,
          '-n',
          'k8s.io',
          'tasks',
          'kill',
          '-s',
          'SIGKILL',
          containerID.replace(/^containerd:\/\//, ''),
        ]);
        await until(
          'the provider container to be restarted',
          async () => ((await provider()).restartCount > restartsBefore ? true : undefined),
          120_000,
          500,
        );
      },
    });

    it('deploys an image that does not exist: never available, and the status says why as kubectl does', async () => {
      await gateway.deploy({ service: 'fault-noimage', image: 'faas/does-not-exist:1' });
      // No registry is reachable: the kubelet's pull fails (ErrImagePull, then ImagePullBackOff),
      // or it may not pull at all (ErrImageNeverPull), depending on the manifests' pull policy.
      const status = await until(
        'a reason in the status',
        async () => {
          const s = await gateway.status('fault-noimage');
          return typeof s?.notReadyReason === 'string' ? s : undefined;
        },
        120_000,
        1_000,
      );
      expect(status).toMatchObject({ replicas: 1, availableReplicas: 0 });
      expect(status.notReadyReason).toMatch(
        /^(ErrImagePull|ImagePullBackOff|ErrImageNeverPull): .*faas\/does-not-exist:1/,
      );
      // The list stays one informer read: it carries no reason (the UI asks the single read).
      const list = (await (await gateway.system('GET', '/system/functions')).json()) as Record<
        string,
        unknown
      >[];
      const listed = list.find((f) => f.name === 'fault-noimage');
      expect(listed).toMatchObject({ availableReplicas: 0 });
      expect(listed?.notReadyReason).toBeUndefined();
    }, 180_000);

    it('keeps functions running while the gateway pod is replaced, and serves them again', async () => {
      const fnPodsBefore = (await podsOf('fault-restart', namespace)).map((p) => p.name);
      const [old] = await platformPods('gateway');
      const restarted = Date.now();
      await kubectl(['-n', PLATFORM_NS, 'rollout', 'restart', 'deploy/gateway']);
      await kubectl(['-n', PLATFORM_NS, 'rollout', 'status', 'deploy/gateway', '--timeout=240s'], 260_000);
      const now = await until(
        'the old gateway pod gone',
        async () => {
          const pods = await platformPods('gateway');
          return pods.some((p) => p.name === old!.name) ? undefined : pods;
        },
        120_000,
        500,
      );
      expect(now.map((p) => p.phase)).toEqual(['Running']);
      expect(await gateway.invokeUntilOk('fault-restart', 'after the gateway', 120_000, 5_000)).toBe(
        'after the gateway',
      );
      console.log(`kubernetes e2e: gateway rollout restart → serving again in ${Date.now() - restarted} ms`);
      expect((await podsOf('fault-restart', namespace)).map((p) => p.name)).toEqual(fnPodsBefore);
    }, 360_000);
  });
}
