// The one place scaling changes replicas: asks the provider, counts the decision, logs it, and
// tells whoever keeps a view of replicas (the function catalog, the endpoint cache).
import { inject, injectable } from 'inversify';
import type { Logger } from '@faas/service-kit';
import type { FunctionRef } from '../invoke/hooks.js';
import { FunctionReplicas } from './function-replicas.js';
import { ScalingMetrics } from './scaling-metrics.js';
import type { ScalingReason } from './scaling-metrics.js';
import * as tokens from '../tokens.js';

/** Told about a new replica count: before the provider is asked, or after it accepted. */
export type ScaledListener = (fn: FunctionRef, replicas: number) => void;

/** Applies scaling decisions. */
@injectable()
export class ReplicaSetter {
  private readonly listeners: ScaledListener[] = [];
  private readonly beforeListeners: ScaledListener[] = [];

  constructor(
    @inject(FunctionReplicas) private readonly replicas: FunctionReplicas,
    @inject(ScalingMetrics) private readonly metrics: ScalingMetrics,
    @inject(tokens.Logger) private readonly logger: Logger,
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
