// SPEC §8, names and labels exactly, in one Registry per app instance.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { injectable } from '../di.js';
import type { FunctionRef, InvocationObserver } from '../invoke/hooks.js';

type Labels = 'function_name' | 'code';

/** The gateway's Prometheus metrics; also the invocation observer that feeds them. */
@injectable()
export class GatewayMetrics implements InvocationObserver {
  /** This app's registry: `/metrics` renders it. */
  readonly registry = new Registry();
  private readonly invocations: Counter<Labels>;
  private readonly seconds: Histogram<Labels>;
  private readonly startedTotal: Counter<'function_name'>;
  private readonly serviceCount: Gauge<'function_name'>;
  // prom-client hashes label values on every call; the hot path keeps its children.
  private readonly finishedChildren = new Map<
    string,
    { count: { inc(): void }; time: { observe(v: number): void } }
  >();
  private readonly startedChildren = new Map<string, { inc(): void }>();

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
    let child = this.startedChildren.get(fn.qualified);
    if (!child) {
      child = this.startedTotal.labels(fn.qualified);
      this.startedChildren.set(fn.qualified, child);
    }
    child.inc();
  }

  finished(fn: FunctionRef, status: number, seconds: number): void {
    const key = `${fn.qualified} ${status}`;
    let child = this.finishedChildren.get(key);
    if (!child) {
      const code = String(status);
      child = {
        count: this.invocations.labels(fn.qualified, code),
        time: this.seconds.labels(fn.qualified, code),
      };
      this.finishedChildren.set(key, child);
    }
    child.count.inc();
    child.time.observe(seconds);
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
