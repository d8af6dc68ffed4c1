// Scale to zero (docs/autoscaling.md): a function labelled com.openfaas.scale.zero=true that nobody invoked
// through this gateway for its com.openfaas.scale.zero-duration goes to 0 replicas. The gateway
// sees every invocation, so no Prometheus is needed; after a restart it counts from its start.
import { inject, injectable } from 'inversify';
import type { Logger } from '@faas/service-kit';
import { FunctionCatalog } from './function-catalog.js';
import { InvocationActivity } from './invocation-activity.js';
import { ReplicaSetter } from './replica-setter.js';
import * as tokens from '../tokens.js';

/** Scales idle functions to zero. */
@injectable()
export class IdleScaler {
  /** Replicas of each function at the last sweep. */
  private readonly seen = new Map<string, number>();

  constructor(
    @inject(FunctionCatalog) private readonly catalog: FunctionCatalog,
    @inject(InvocationActivity) private readonly activity: InvocationActivity,
    @inject(ReplicaSetter) private readonly setter: ReplicaSetter,
    @inject(tokens.Logger) private readonly logger: Logger,
  ) {}

  /** One pass over the catalog; resolves to the functions it scaled to zero. */
  async sweep(): Promise<string[]> {
    const idled: string[] = [];
    const listed = this.catalog.list();
    for (const { fn, replicas, scaling } of listed) {
      // A function just deployed, or scaled up from zero by anyone, gets a whole idle duration.
      const before = this.seen.get(fn.qualified);
      this.seen.set(fn.qualified, replicas);
      if (replicas > 0 && (before === undefined || before === 0)) this.activity.touch(fn);
      if (!scaling.zero || replicas === 0) continue;
      const idleMs = this.activity.idleMs(fn.qualified);
      if (idleMs < scaling.zeroDurationMs) continue;
      try {
        await this.setter.set(fn, replicas, 0, 'idle');
        this.seen.set(fn.qualified, 0);
        idled.push(fn.qualified);
      } catch (err) {
        this.logger.warn('could not scale an idle function to zero', {
          function: fn.qualified,
          err: String(err),
        });
      }
    }
    const names = new Set(listed.map((e) => e.fn.qualified));
    for (const name of this.seen.keys()) if (!names.has(name)) this.seen.delete(name);
    return idled;
  }
}
