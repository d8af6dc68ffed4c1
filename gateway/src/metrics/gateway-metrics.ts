// The gateway's metrics (gateway/README.md, Metrics), names and labels exactly, in one Registry per app instance.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { injectable } from 'inversify';
import { removeFunctionSeries } from '@faas/service-kit';
import type { FunctionRef, InvocationObserver } from '../invoke/hooks.js';

type Labels = 'function_name' | 'code';

/** One function's series children, kept so the hot path skips prom-client's label hashing. */
interface FunctionSeries {
  started: { inc(): void };
  finished: Map<number, { count: { inc(): void }; time: { observe(v: number): void } }>;
  /** When it was last invoked (ms): a listing asked for earlier does not prove it gone. */
  lastSeen: number;
}

/** The gateway's Prometheus metrics; also the invocation observer that feeds them. */
@injectable()
export class GatewayMetrics implements InvocationObserver {
  /** This app's registry: `/metrics` renders it. */
  readonly registry = new Registry();
  private readonly invocations: Counter<Labels>;
  private readonly seconds: Histogram<Labels>;
  private readonly startedTotal: Counter<'function_name'>;
  private readonly serviceCount: Gauge<'function_name'>;
  private readonly functions = new Map<string, FunctionSeries>();

  constructor() {
    const registers = [this.registry];
    this.invocations = new Counter({
      name: 'gateway_function_invocation_total',
      help: 'Function invocations by function and status code.',
      labelNames: ['function_name', 'code'],
      registers,
    });
    this.seconds = new Histogram({
      name: 'gateway_functions_seconds',
      help: 'Function invocation time taken, in seconds.',
      labelNames: ['function_name', 'code'],
      registers,
    });
    this.startedTotal = new Counter({
      name: 'gateway_function_invocation_started',
      help: 'Function invocations started.',
      labelNames: ['function_name'],
      registers,
    });
    this.serviceCount = new Gauge({
      name: 'gateway_service_count',
      help: 'Desired replicas per function, as the provider reports them.',
      labelNames: ['function_name'],
      registers,
    });
    collectDefaultMetrics({ register: this.registry });
  }

  started(fn: FunctionRef): void {
    const series = this.seriesOf(fn.qualified);
    series.lastSeen = Date.now();
    series.started.inc();
  }

  finished(fn: FunctionRef, status: number, seconds: number): void {
    const series = this.seriesOf(fn.qualified);
    series.lastSeen = Date.now();
    let child = series.finished.get(status);
    if (!child) {
      const code = String(status);
      child = {
        count: this.invocations.labels(fn.qualified, code),
        time: this.seconds.labels(fn.qualified, code),
      };
      series.finished.set(status, child);
    }
    child.count.inc();
    child.time.observe(seconds);
  }

  /**
   * Removes the series of every function missing from a complete listing asked for at `listedAt`
   * (ms), unless it was invoked since (deployed while the listing was under way).
   */
  async retain(known: ReadonlySet<string>, listedAt: number): Promise<void> {
    const gone = (name: string): boolean =>
      !known.has(name) && (this.functions.get(name)?.lastSeen ?? -Infinity) < listedAt;
    for (const name of this.functions.keys()) if (gone(name)) this.functions.delete(name);
    await removeFunctionSeries(this.registry, gone);
  }

  private seriesOf(name: string): FunctionSeries {
    let series = this.functions.get(name);
    if (!series) {
      series = { started: this.startedTotal.labels(name), finished: new Map(), lastSeen: 0 };
      this.functions.set(name, series);
    }
    return series;
  }

  /** Replaces every `gateway_service_count` sample: `function_name` → desired replicas. */
  setServiceCounts(replicas: ReadonlyMap<string, number>): void {
    this.serviceCount.reset();
    for (const [name, count] of replicas) this.serviceCount.set({ function_name: name }, count);
  }

  /** Invocations per `function_name` over all codes, as this gateway counted them. */
  async invocationCounts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const sample of (await this.invocations.get()).values) {
      const name = String(sample.labels.function_name);
      counts.set(name, (counts.get(name) ?? 0) + sample.value);
    }
    return counts;
  }
}
