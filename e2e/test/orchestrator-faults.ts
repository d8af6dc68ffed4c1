// Fault cases written once for Swarm (swarm-stack.test.ts) and Kubernetes (kubernetes-faults.ts),
// each passing how its orchestrator kills the provider: the provider keeps no state of its own,
// so once restarted it lists every function as before (labels, annotations, secrets, createdAt).
import { until } from '@faas/service-kit/testing';
import type { GatewayClient } from './swarm-support.js';

/** An orchestrator's handles for the provider-restart case. */
export interface ProviderRestartTarget {
  /** `swarm` or `kubernetes`: the prefix of the measured line. */
  platform: string;
  gateway: GatewayClient;
  /** SIGKILLs the provider's container, as the OOM killer would; its orchestrator restarts it. */
  killProvider(): Promise<void>;
  /** Functions earlier cases left deployed, which must be listed again too. */
  alsoListed: string[];
}

/** Registers the case (inside the caller's `faults` describe): it leaves `fault-restart` and its secret `fault-token`. */
export function itListsFunctionsAfterProviderRestart(target: ProviderRestartTarget): void {
  const { gateway } = target;
  it('lists every function with its labels and secrets after the provider container is killed', async () => {
    const secret = await gateway.system('POST', '/system/secrets', { name: 'fault-token', value: 's3cret' });
    expect([200, 201, 202]).toContain(secret.status);
    await gateway.deploy({
      service: 'fault-restart',
      image: 'faas/fn-cat:latest',
      labels: { team: 'e2e', 'com.openfaas.scale.min': '1' },
      annotations: { note: 'survives' },
      secrets: ['fault-token'],
    });
    await gateway.invokeUntilOk('fault-restart', 'x', 120_000);
    const before = await gateway.status('fault-restart');
    const killedAt = Date.now();
    await target.killProvider();
    const listed = await until(
      'the provider to list functions again',
      async () => {
        const res = await gateway.system('GET', '/system/functions');
        if (res.status !== 200) return undefined;
        const all = (await res.json()) as { name: string }[];
        return all.find((f) => f.name === 'fault-restart') ? all : undefined;
      },
      120_000,
      250,
    );
    console.log(
      `${target.platform} e2e: provider killed, restarted and listing again in ${Date.now() - killedAt} ms`,
    );
    expect(listed.find((f) => f.name === 'fault-restart')).toMatchObject({
      labels: { team: 'e2e', 'com.openfaas.scale.min': '1', faas_function: 'fault-restart' },
      annotations: { note: 'survives' },
      secrets: ['fault-token'],
      image: 'faas/fn-cat:latest',
      createdAt: before?.createdAt,
    });
    for (const name of target.alsoListed) expect(listed.map((f) => f.name)).toContain(name);
    expect(await gateway.invokeUntilOk('fault-restart', 'still here', 60_000)).toBe('still here');
  }, 300_000);
}
