// The background work of scaling: refresh the catalog, run the autoscaler, sweep idle functions,
// one tick after the other (never two at once), until stopped.
import type { Logger } from '@faas/service-kit';
import type { Autoscaler } from './autoscaler.js';
import type { Clock } from './clock.js';
import type { FunctionCatalog } from './function-catalog.js';
import type { IdleScaler } from './idle-scaler.js';
import type { InvocationActivity } from './invocation-activity.js';

/** Periods of the loop. */
export interface ScalingLoopOptions {
  /** Autoscaler and idle sweep period. */
  tickMs: number;
  /** Catalog refresh period (a provider listing). */
  refreshMs: number;
}

/** Drives the autoscaler and the idle sweep. */
export class ScalingLoop {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private current: Promise<void> | undefined;
  private refreshedAt = -Infinity;

  constructor(
    private readonly catalog: FunctionCatalog,
    private readonly activity: InvocationActivity,
    private readonly autoscaler: Autoscaler | undefined,
    private readonly idle: IdleScaler | undefined,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: ScalingLoopOptions,
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
