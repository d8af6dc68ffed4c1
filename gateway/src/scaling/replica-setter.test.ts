import { MemoryLogger } from '@faas/service-kit';
import { Registry } from 'prom-client';
import type { FunctionRef } from '../invoke/hooks.js';
import type { FunctionReplicas } from './function-replicas.js';
import { ReplicaSetter } from './replica-setter.js';
import { ScalingMetrics } from './scaling-metrics.js';

const fn: FunctionRef = { name: 'cat', namespace: 'openfaas-fn', qualified: 'cat.openfaas-fn' };

/** Records the order of events: listeners and the provider call. */
function setterWith(events: string[], fail = false): ReplicaSetter {
  const replicas: FunctionReplicas = {
    get: () => Promise.reject(new Error('not used')),
    list: () => Promise.resolve([]),
    scale: async (_fn, n) => {
      events.push(`provider ${n}`);
      if (fail) throw new Error('provider down');
    },
  };
  const setter = new ReplicaSetter(replicas, new ScalingMetrics(new Registry()), new MemoryLogger());
  setter.onScaling((f, n) => events.push(`before ${f.qualified} ${n}`));
  setter.onScaled((f, n) => events.push(`after ${f.qualified} ${n}`));
  return setter;
}

describe('ReplicaSetter', () => {
  it('tells onScaling listeners before asking the provider and onScaled listeners after', async () => {
    const events: string[] = [];
    await setterWith(events).set(fn, 1, 0, 'idle');
    expect(events).toEqual(['before cat.openfaas-fn 0', 'provider 0', 'after cat.openfaas-fn 0']);
  });

  it('does not tell onScaled listeners when the provider refuses the change', async () => {
    const events: string[] = [];
    await expect(setterWith(events, true).set(fn, 1, 0, 'idle')).rejects.toThrow('provider down');
    expect(events).toEqual(['before cat.openfaas-fn 0', 'provider 0']);
  });
});
