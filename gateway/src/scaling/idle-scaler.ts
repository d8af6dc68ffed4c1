// Scale to zero (SPEC §7): a function labelled com.openfaas.scale.zero=true that nobody invoked
// through this gateway for its com.openfaas.scale.zero-duration goes to 0 replicas. The gateway
// sees every invocation, so no Prometheus is needed; after a restart it counts from its start.
import type { Logger } from '@faas/service-kit';
import type { FunctionCatalog } from './function-catalog.js';
import type { InvocationActivity } from './invocation-activity.js';
import type { ReplicaSetter } from './replica-setter.js';

/** Scales idle functions to zero. */
export class IdleScaler {
  constructor(
    private readonly catalog: FunctionCatalog,
    private readonly activity: InvocationActivity,
    private readonly setter: ReplicaSetter,
    private readonly logger: Logger,
  ) {}

  /** One pass over the catalog; resolves to the functions it scaled to zero. */
  async sweep(): Promise<string[]> {
    const idled: string[] = [];
    for (const { fn, replicas, scaling } of this.catalog.list()) {
      if (!scaling.zero || replicas === 0) continue;
      const idleMs = this.activity.idleMs(fn.qualified);
      if (idleMs < scaling.zeroDurationMs) continue;
      try {
        await this.setter.set(fn, replicas, 0, 'idle');
        idled.push(fn.qualified);
      } catch (err) {
        this.logger.warn('could not scale an idle function to zero', {
          function: fn.qualified,
          err: String(err),
        });
      }
    }
    return idled;
  }
}
