// The one place scaling changes replicas: asks the provider, counts the decision, logs it, and
// tells whoever keeps a view of replicas (the function catalog, the endpoint cache).
import type { Logger } from '@faas/service-kit';
import type { FunctionRef } from '../invoke/hooks.js';
import type { FunctionReplicas } from './function-replicas.js';
import type { ScalingMetrics, ScalingReason } from './scaling-metrics.js';

/** Told after the provider accepted a new replica count. */
export type ScaledListener = (fn: FunctionRef, replicas: number) => void;

/** Applies scaling decisions. */
export class ReplicaSetter {
  private readonly listeners: ScaledListener[] = [];

  constructor(
    private readonly replicas: FunctionReplicas,
    private readonly metrics: ScalingMetrics,
    private readonly logger: Logger,
  ) {}

  /** Adds a listener. */
  onScaled(listener: ScaledListener): void {
    this.listeners.push(listener);
  }

  /** Scales `fn` from `from` to `to` replicas for `reason`; rejects with the provider's error. */
  async set(fn: FunctionRef, from: number, to: number, reason: ScalingReason): Promise<void> {
    await this.replicas.scale(fn, to);
    this.metrics.decided(fn.qualified, reason);
    this.logger.info('scaled function', { function: fn.qualified, from, to, reason });
    for (const listener of this.listeners) listener(fn, to);
  }
}
