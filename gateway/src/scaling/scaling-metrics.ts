// Scaling's own metrics, registered in the gateway's registry (one per app) beside the invocation metrics.
import { inject, injectable } from 'inversify';
import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';

/** Why replicas changed: the `reason` label of `gateway_scaling_decisions_total`. */
/** The injection token of the registry scaling's metrics go to (the gateway's). */
export const MetricsRegistry = Symbol('MetricsRegistry');
export type MetricsRegistry = Registry;

export type ScalingReason =
  'alert-firing' | 'alert-resolved' | 'scale-from-zero' | 'idle' | 'autoscaler-up' | 'autoscaler-down';

/** Gauges of the built-in autoscaler and a counter of every scaling decision. */
@injectable()
export class ScalingMetrics {
  private readonly decisions: Counter<'function_name' | 'reason'>;
  private readonly target: Gauge<'function_name'>;
  private readonly desired: Gauge<'function_name'>;
  private readonly observed: Gauge<'function_name' | 'window'>;

  constructor(@inject(MetricsRegistry) registry: Registry) {
    const registers = [registry];
    this.decisions = new Counter({
      name: 'gateway_scaling_decisions_total',
      help: 'Replica changes the gateway asked the provider for, by function and reason.',
      labelNames: ['function_name', 'reason'],
      registers,
    });
    this.target = new Gauge({
      name: 'gateway_scaling_target_concurrency',
      help: 'In-flight requests per replica the built-in autoscaler aims at (com.openfaas.scale.target).',
      labelNames: ['function_name'],
      registers,
    });
    this.desired = new Gauge({
      name: 'gateway_scaling_desired_replicas',
      help: 'Replicas the built-in autoscaler wants for the load it observes, within min and max.',
      labelNames: ['function_name'],
      registers,
    });
    this.observed = new Gauge({
      name: 'gateway_scaling_observed_concurrency',
      help: 'Average in-flight requests the built-in autoscaler observed over its stable and panic windows.',
      labelNames: ['function_name', 'window'],
      registers,
    });
  }

  /** Counts one decision. */
  decided(functionName: string, reason: ScalingReason): void {
    this.decisions.inc({ function_name: functionName, reason });
  }

  /** Records the autoscaler's view of a function. */
  autoscaled(functionName: string, target: number, desired: number, stable: number, panic: number): void {
    this.target.set({ function_name: functionName }, target);
    this.desired.set({ function_name: functionName }, desired);
    this.observed.set({ function_name: functionName, window: 'stable' }, stable);
    this.observed.set({ function_name: functionName, window: 'panic' }, panic);
  }

  /** Drops the autoscaler's gauges of a function it no longer manages. */
  forget(functionName: string): void {
    this.target.remove({ function_name: functionName });
    this.desired.remove({ function_name: functionName });
    this.observed.remove({ function_name: functionName, window: 'stable' });
    this.observed.remove({ function_name: functionName, window: 'panic' });
  }
}
