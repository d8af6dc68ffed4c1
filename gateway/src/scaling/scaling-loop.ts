// The background work of scaling: refresh the catalog, run the autoscaler, sweep idle functions,
// one tick after the other (never two at once), until stopped.
import { inject, injectable, optional } from 'inversify';
import type { Logger } from '@faas/service-kit';
import { Autoscaler } from './autoscaler.js';
import { Clock } from './clock.js';
import { FunctionCatalog } from './function-catalog.js';
import { IdleScaler } from './idle-scaler.js';
import { InvocationActivity } from './invocation-activity.js';
import * as tokens from '../tokens.js';

/** Periods of the loop. */
export interface ScalingLoopOptions {
  /** Autoscaler and idle sweep period. */
  tickMs: number;
  /** Catalog refresh period (a provider listing). */
  refreshMs: number;
}
/** The injection token of {@link ScalingLoopOptions}. */
export const ScalingLoopOptions = Symbol('ScalingLoopOptions');

/** Drives the autoscaler and the idle sweep. */
@injectable()
export class ScalingLoop {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private current: Promise<void> | undefined;
  private refreshedAt = -Infinity;

  constructor(
    @inject(FunctionCatalog) private readonly catalog: FunctionCatalog,
    @inject(InvocationActivity) private readonly activity: InvocationActivity,
    @inject(Autoscaler) @optional() private readonly autoscaler: Autoscaler | undefined,
    @inject(IdleScaler) @optional() private readonly idle: IdleScaler | undefined,
    @inject(Clock) private readonly clock: Clock,
    @inject(tokens.Logger) private readonly logger: Logger,
    @inject(ScalingLoopOptions) private readonly options: ScalingLoopOptions,
  ) {}

  /** Starts ticking (at once, then every `tickMs`). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops after the tick under way, if any. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.current;
  }

  /** One tick: refresh when due, then autoscale and sweep. */
  async tick(): Promise<void> {
    const now = this.clock.now();
    if (now - this.refreshedAt >= this.options.refreshMs || !this.catalog.loaded) {
      this.refreshedAt = now;
      await this.catalog.refresh();
      this.activity.retain(this.catalog.names(), now);
    }
    if (!this.catalog.loaded) return;
    await this.autoscaler?.tick();
    await this.idle?.sweep();
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.current = this.tick()
        .catch((err: unknown) => this.logger.error('scaling tick failed', { err: String(err) }))
        .finally(() => {
          this.current = undefined;
          if (this.running) this.schedule(this.options.tickMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
