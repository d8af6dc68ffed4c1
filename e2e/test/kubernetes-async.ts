// Asynchronous invocation on the real cluster (the cases: orchestrator-async.ts): stored in the
// NATS StatefulSet (JetStream on its PersistentVolume), run by the queue-worker Deployment through
// the gateway Service; a NATS restart is the NATS pod deleted (same claim, new pod).
//
// Pods reach the callback receiver on the host at their bridge's gateway address (cluster.sh env:
// FAAS_K8S_HOST_FOR_PODS).
import { until } from '@faas/service-kit/testing';
import { describeAsyncCases } from './orchestrator-async.js';
import { clusterEnv, type GatewayClient, kubectl, PLATFORM_NS, platformPods } from './kubernetes-support.js';

export function describeAsync(gateway: GatewayClient): void {
  describeAsyncCases({
    platform: 'kubernetes',
    gateway,
    store: 'the NATS StatefulSet',
    restarted: 'the NATS pod',
    hostForWorker: () => Promise.resolve(clusterEnv.FAAS_K8S_HOST_FOR_PODS ?? ''),
    async scaleWorker(replicas) {
      await kubectl(['-n', PLATFORM_NS, 'scale', 'deploy/queue-worker', `--replicas=${replicas}`]);
      await until(
        `${replicas} Ready queue worker pod(s)`,
        async () => {
          const pods = await platformPods('queue-worker');
          return pods.length === replicas && pods.every((p) => p.ready) ? true : undefined;
        },
        120_000,
        500,
      );
    },
    async restartNats() {
      const [before] = await platformPods('nats');
      await kubectl(
        ['-n', PLATFORM_NS, 'delete', 'pod', before!.name, '--wait=true', '--timeout=120s'],
        150_000,
      );
      await kubectl(['-n', PLATFORM_NS, 'rollout', 'status', 'statefulset/nats', '--timeout=180s'], 200_000);
      await until(
        'the new NATS pod Ready',
        async () => {
          const [pod] = await platformPods('nats');
          return pod?.ready ? true : undefined;
        },
        180_000,
        500,
      );
    },
  });
}
