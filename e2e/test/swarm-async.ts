// Asynchronous invocation on the real Swarm stack (the cases: orchestrator-async.ts), run inside
// swarm-stack.test.ts so one stack deploy serves both: the queue worker is a container on the
// overlay, NATS' JetStream store is the named volume <stack>_nats-data.
//
// The worker reaches the callback receiver at the host's address on docker_gwbridge (the bridge
// every overlay container uses to leave its overlay, 172.18.0.1 here): on this single-node swarm
// that is the same host.
import { until } from '@faas/service-kit/testing';
import { describeAsyncCases } from './orchestrator-async.js';
import { type GatewayClient, run } from './swarm-support.js';

export { startReceiver } from './orchestrator-async.js';

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

/** Registers the async suite; `stack` is the stack name up.sh used. */
export function describeSwarmAsync(gateway: GatewayClient, stack = 'faas'): void {
  describeAsyncCases({
    platform: 'swarm',
    gateway,
    store: 'NATS',
    restarted: 'the nats service',
    hostForWorker: hostAddressForContainers,
    async scaleWorker(replicas) {
      await run('docker', ['service', 'scale', '--detach', `${stack}_queue-worker=${replicas}`]);
      await until(
        `${replicas} queue worker container(s)`,
        async () => ((await containersOf(`${stack}_queue-worker`)).length === replicas ? true : undefined),
        30_000,
        250,
      );
    },
    async restartNats() {
      const [before] = await containersOf(`${stack}_nats`);
      await run('docker', ['service', 'update', '--force', '--detach', `${stack}_nats`]);
      const after = await until(
        'a new, healthy nats container',
        async () => {
          const [id] = await containersOf(`${stack}_nats`, 'healthy');
          return id && id !== before ? id : undefined;
        },
        30_000,
        250,
      );
      expect(after).not.toBe(before);
    },
  });
}

/** Running containers of a service (optionally only those with this health status). */
async function containersOf(service: string, health?: string): Promise<string[]> {
  const filters = ['-f', `label=com.docker.swarm.service.name=${service}`];
  if (health) filters.push('-f', `health=${health}`);
  const out = await run('docker', ['ps', '-q', ...filters]);
  return out.split('\n').filter(Boolean);
}
