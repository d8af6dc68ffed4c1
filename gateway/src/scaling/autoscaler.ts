// The built-in autoscaler: Knative's decider over the in-flight requests the gateway itself sees.
// Each tick: average concurrency over a stable window and a short panic window → desired replicas
// = ceil(concurrency / com.openfaas.scale.target), within [max(min, 1), max]. Panic mode starts when
// the panic window asks for twice the ready replicas: it scales up at once and never down, until a
// stable window passes without the surge. Idling to zero is left to the idle sweep.
import { inject, injectable } from 'inversify';
import type { Logger } from '@faas/service-kit';
import { Clock } from './clock.js';
import { ConcurrencyWindow } from './concurrency-window.js';
import { FunctionCatalog } from './function-catalog.js';
import type { CatalogEntry } from './function-catalog.js';
import { InvocationActivity } from './invocation-activity.js';
import { replicasForConcurrency } from './replica-formula.js';
import { ReplicaSetter } from './replica-setter.js';
import { ScalingMetrics } from './scaling-metrics.js';
import * as tokens from '../tokens.js';

/** The autoscaler's windows. */
export interface AutoscalerOptions {
  /** Averaging window for ordinary decisions; scale-down to min completes within it. */
  stableWindowMs: number;
  /** Short window that detects a surge. */
  panicWindowMs: number;
  /** Panic when the panic window wants this many times the ready replicas (Knative: 2). */
  panicThreshold?: number;
}
/** The injection token of {@link AutoscalerOptions}. */
export const AutoscalerOptions = Symbol('AutoscalerOptions');

interface FunctionState {
  window: ConcurrencyWindow;
  /** When the autoscaler started watching the function. */
  since: number;
  lastTick: number;
  /** Last tick the panic condition held; undefined when not panicking. */
  panicSince?: number;
  /** The most replicas asked for during this panic. */
  panicMax: number;
}

/** One tick's view of a function, for logs and tests. */
export interface AutoscalerDecision {
  /** `name.namespace`. */
  function: string;
  /** Concurrency over the stable and panic windows. */
  stable: number;
  panic: number;
  /** Whether the function is in panic mode. */
  panicking: boolean;
  /** Replicas wanted, within bounds. */
  desired: number;
  /** Replicas before the tick. */
  current: number;
}

/** Scales functions that set `com.openfaas.scale.target`. */
@injectable()
export class Autoscaler {
  private readonly states = new Map<string, FunctionState>();
  private readonly threshold: number;

  constructor(
    @inject(FunctionCatalog) private readonly catalog: FunctionCatalog,
    @inject(InvocationActivity) private readonly activity: InvocationActivity,
    @inject(ReplicaSetter) private readonly setter: ReplicaSetter,
    @inject(ScalingMetrics) private readonly metrics: ScalingMetrics,
    @inject(Clock) private readonly clock: Clock,
    @inject(tokens.Logger) private readonly logger: Logger,
    @inject(AutoscalerOptions) private readonly options: AutoscalerOptions,
  ) {
    this.threshold = options.panicThreshold ?? 2;
  }

  /** Samples every managed function and scales those whose desired replicas changed. */
  async tick(): Promise<AutoscalerDecision[]> {
    const now = this.clock.now();
    const decisions: AutoscalerDecision[] = [];
    const managed = new Set<string>();
    for (const entry of this.catalog.list()) {
      if (entry.scaling.target === undefined) continue;
      managed.add(entry.fn.qualified);
      const decision = this.decide(entry, entry.scaling.target, now);
      decisions.push(decision);
      this.logger.debug('autoscaler tick', { ...decision, ready: entry.availableReplicas });
      this.metrics.autoscaled(
        decision.function,
        entry.scaling.target,
        decision.desired,
        decision.stable,
        decision.panic,
      );
      // A function at zero was idled: scale from zero wakes it, not the autoscaler.
      if (entry.replicas === 0 || decision.desired === entry.replicas) continue;
      const reason = decision.desired > entry.replicas ? 'autoscaler-up' : 'autoscaler-down';
      try {
        await this.setter.set(entry.fn, entry.replicas, decision.desired, reason);
      } catch (err) {
        this.logger.warn('autoscaler could not scale', { function: decision.function, err: String(err) });
      }
    }
    for (const name of this.states.keys()) {
      if (managed.has(name)) continue;
      this.states.delete(name);
      this.metrics.forget(name);
    }
    return decisions;
  }

  private decide(entry: CatalogEntry, target: number, now: number): AutoscalerDecision {
    const name = entry.fn.qualified;
    let state = this.states.get(name);
    if (!state) {
      // What came before is of unknown length: start a fresh period now.
      this.activity.takePeriod(name);
      state = {
        window: new ConcurrencyWindow(this.options.stableWindowMs),
        since: now,
        lastTick: now,
        panicMax: 0,
      };
      this.states.set(name, state);
    } else {
      const period = this.activity.takePeriod(name);
      // After a quiet spell the first sample covers only the time with load, so a step that began
      // just before this tick is seen at its height, not diluted by the quiet part of the tick.
      if (state.window.empty) state.window.record(now, period.busyMs, period.busyAverage);
      else state.window.record(now, now - state.lastTick, period.average);
      state.lastTick = now;
    }
    const stable = state.window.average(now, this.options.stableWindowMs);
    const panic = state.window.average(now, this.options.panicWindowMs);
    const ready = Math.max(1, entry.availableReplicas);
    if (panic / target / ready >= this.threshold) {
      if (state.panicSince === undefined)
        this.logger.info('autoscaler panic: surge in the panic window', { function: name, panic, ready });
      state.panicSince = now;
    } else if (state.panicSince !== undefined && now - state.panicSince >= this.options.stableWindowMs) {
      this.logger.info('autoscaler panic over', { function: name, stable });
      state.panicSince = undefined;
      state.panicMax = 0;
    }
    let desired = replicasForConcurrency(stable, target, entry.scaling);
    if (state.panicSince !== undefined) {
      desired = Math.max(desired, replicasForConcurrency(panic, target, entry.scaling), state.panicMax);
      state.panicMax = desired;
    }
    // Until it has watched a whole stable window (e.g. just after a gateway restart) the
    // autoscaler has not seen enough to scale a function down.
    if (now - state.since < this.options.stableWindowMs)
      desired = Math.max(desired, Math.min(entry.replicas, entry.scaling.max));
    return {
      function: name,
      stable,
      panic,
      panicking: state.panicSince !== undefined,
      desired,
      current: entry.replicas,
    };
  }
}
