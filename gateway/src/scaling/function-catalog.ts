// Every function with its replicas and scaling labels, refreshed from the provider on a period, so
// the autoscaler and the idle sweep decide without a provider call per function per tick.
import { inject, injectable } from 'inversify';
import type { ScalingLabels } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';
import type { FunctionRef } from '../invoke/hooks.js';
import { Clock } from './clock.js';
import { FunctionReplicas } from './function-replicas.js';
import { LabelReader } from './label-reader.js';
import * as tokens from '../tokens.js';

/** One function as scaling knows it. */
export interface CatalogEntry {
  /** The function. */
  fn: FunctionRef;
  /** Desired replicas: the provider's, or what scaling set since. */
  replicas: number;
  /** Ready replicas at the last refresh. */
  availableReplicas: number;
  /** Its scaling labels with defaults applied. */
  scaling: ScalingLabels;
}

/** The provider's functions, as of the last refresh plus scaling's own changes since. */
@injectable()
export class FunctionCatalog {
  private entries = new Map<string, CatalogEntry>();
  /** When scaling last set a function's replicas: a listing older than that is stale for it. */
  private readonly scaledAt = new Map<string, number>();
  private failing = false;
  /** Whether a refresh ever succeeded. */
  loaded = false;

  constructor(
    @inject(FunctionReplicas) private readonly replicas: FunctionReplicas,
    @inject(LabelReader) private readonly labels: LabelReader,
    @inject(Clock) private readonly clock: Clock,
    @inject(tokens.Logger) private readonly logger: Logger,
  ) {}

  /** Lists the provider's functions; on failure keeps the last listing and warns once per outage. */
  async refresh(): Promise<void> {
    const asked = this.clock.now();
    let listed;
    try {
      listed = await this.replicas.list();
    } catch (err) {
      if (!this.failing)
        this.logger.warn('cannot list functions for scaling; keeping the last list', { err: String(err) });
      this.failing = true;
      return;
    }
    if (this.failing) this.logger.info('listing functions for scaling works again');
    this.failing = false;
    const next = new Map<string, CatalogEntry>();
    for (const { fn, replicas, availableReplicas, labels } of listed) {
      const previous = this.entries.get(fn.qualified);
      const ours = previous && (this.scaledAt.get(fn.qualified) ?? -Infinity) >= asked;
      next.set(fn.qualified, {
        fn,
        replicas: ours ? previous.replicas : replicas,
        availableReplicas,
        scaling: this.labels.read(fn.qualified, labels),
      });
    }
    for (const name of this.scaledAt.keys()) if (!next.has(name)) this.scaledAt.delete(name);
    this.entries = next;
    this.loaded = true;
  }

  /** Every known function. */
  list(): CatalogEntry[] {
    return [...this.entries.values()];
  }

  /** Names of every known function. */
  names(): Set<string> {
    return new Set(this.entries.keys());
  }

  /** Records replicas scaling just set (the provider accepted them). */
  scaled(fn: FunctionRef, replicas: number): void {
    this.scaledAt.set(fn.qualified, this.clock.now());
    const entry = this.entries.get(fn.qualified);
    if (entry) entry.replicas = replicas;
  }
}
