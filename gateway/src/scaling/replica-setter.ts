// The one place scaling changes replicas: asks the provider, counts the decision, logs it, and
// tells whoever keeps a view of replicas (the function catalog, the endpoint cache).
import type { Logger } from '@faas/service-kit';
import type { FunctionRef } from '../invoke/hooks.js';
import type { FunctionReplicas } from './function-replicas.js';
import type { ScalingMetrics, ScalingReason } from './scaling-metrics.js';

/** Told about a new replica count: before the provider is asked, or after it accepted. */
export type ScaledListener = (fn: FunctionRef, replicas: number) => void;

/** Applies scaling decisions. */
export class ReplicaSetter {
  private readonly listeners: ScaledListener[] = [];
  private readonly beforeListeners: ScaledListener[] = [];

  constructor(
    private readonly replicas: FunctionReplicas,
    private readonly metrics: ScalingMetrics,
    private readonly logger: Logger,
  ) {}

  /** Adds a listener told after the provider accepted a change. */
  onScaled(listener: ScaledListener): void {
    this.listeners.push(listener);
  }

  /** Adds a listener told before the provider is asked (e.g. to stop routing to replicas about to go). */
  onScaling(listener: ScaledListener): void {
    this.beforeListeners.push(listener);
  }

  /** Scales `fn` from `from` to `to` replicas for `reason`; rejects with the provider's error. */
  async set(fn: FunctionRef, from: number, to: number, reason: ScalingReason): Promise<void> {
    for (const listener of this.beforeListeners) listener(fn, to);
    await this.replicas.scale(fn, to);
    this.metrics.decided(fn.qualified, reason);
    this.logger.info('scaled function', { function: fn.qualified, from, to, reason });
    for (const listener of this.listeners) listener(fn, to);
  }
}
