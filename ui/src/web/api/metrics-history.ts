// Rates and latencies over the last minutes, from successive scrapes of the gateway's counters:
// each point is the difference between two scrapes, divided by the time between them.
import type { FunctionCounters } from './prometheus-text.js';

/** One interval between two scrapes, for one function. */
export interface MetricPoint {
  /** End of the interval, ms since the epoch. */
  t: number;
  /** Invocations per second. */
  rate: number;
  /** Failed invocations (status ≥ 400) per second. */
  failureRate: number;
  /** Mean duration in seconds; undefined when nothing was invoked. */
  mean: number | undefined;
  /** 95th percentile duration in seconds (from the histogram buckets); undefined when nothing was invoked. */
  p95: number | undefined;
}

/** A counter's increase; a decrease means the gateway restarted and counts from zero. */
function increase(now: number, before: number): number {
  return now >= before ? now - before : now;
}

/** The q-quantile of a histogram's increase, interpolated inside its bucket as PromQL does. */
export function quantile(
  q: number,
  now: Map<number, number>,
  before: Map<number, number> | undefined,
): number | undefined {
  const bounds = [...now.keys()].sort((a, b) => a - b);
  const cumulative = bounds.map((le) => increase(now.get(le)!, before?.get(le) ?? 0));
  const total = cumulative[cumulative.length - 1] ?? 0;
  if (total <= 0) return undefined;
  const rank = q * total;
  const i = cumulative.findIndex((c) => c >= rank);
  const upper = bounds[i]!;
  const lower = i > 0 ? bounds[i - 1]! : 0;
  if (upper === Infinity) return lower;
  const below = i > 0 ? cumulative[i - 1]! : 0;
  const inBucket = cumulative[i]! - below;
  return inBucket === 0 ? upper : lower + ((upper - lower) * (rank - below)) / inBucket;
}

/** Keeps the last scrape and a window of points per function. */
export class MetricsHistory {
  private last: { t: number; counters: Map<string, FunctionCounters> } | undefined;
  private readonly points = new Map<string, MetricPoint[]>();

  constructor(
    /** How much history to keep, ms. */
    readonly windowMs: number = 10 * 60_000,
  ) {}

  /** Adds a scrape taken at `t` (ms). */
  add(t: number, counters: Map<string, FunctionCounters>): void {
    const last = this.last;
    this.last = { t, counters };
    if (!last || t <= last.t) return;
    const seconds = (t - last.t) / 1000;
    for (const [fn, now] of counters) {
      const before = last.counters.get(fn);
      const count = increase(now.secondsCount, before?.secondsCount ?? 0);
      const point: MetricPoint = {
        t,
        rate: increase(now.invocations, before?.invocations ?? 0) / seconds,
        failureRate: increase(now.failures, before?.failures ?? 0) / seconds,
        mean: count > 0 ? increase(now.secondsSum, before?.secondsSum ?? 0) / count : undefined,
        p95: quantile(0.95, now.buckets, before?.buckets),
      };
      const series = this.points.get(fn) ?? [];
      series.push(point);
      while (series.length > 0 && series[0]!.t < t - this.windowMs) series.shift();
      this.points.set(fn, series);
    }
  }

  /** The points of `function_name` (`name.namespace`), oldest first. */
  series(functionName: string): readonly MetricPoint[] {
    return this.points.get(functionName) ?? [];
  }

  /**
   * What is worth keeping for the next visit: the series of functions that were invoked at all in
   * the window (idle ones are all zeros, and a platform may have hundreds of them).
   */
  snapshot(): Record<string, MetricPoint[]> {
    const kept: Record<string, MetricPoint[]> = {};
    for (const [fn, series] of this.points) if (series.some((p) => p.rate > 0)) kept[fn] = series;
    return kept;
  }

  /**
   * Takes back a snapshot of an earlier visit, dropping points older than the window at `now` and
   * anything that is not a point; series this history already has are left as they are.
   */
  restore(saved: unknown, now: number): void {
    if (typeof saved !== 'object' || saved === null) return;
    for (const [fn, series] of Object.entries(saved as Record<string, unknown>)) {
      if (!Array.isArray(series) || this.points.has(fn)) continue;
      const kept = series.filter(isPoint).filter((p) => p.t >= now - this.windowMs && p.t <= now);
      if (kept.length > 0) this.points.set(fn, kept);
    }
  }
}

function isPoint(v: unknown): v is MetricPoint {
  const p = v as MetricPoint;
  const optional = (x: unknown) => x === undefined || typeof x === 'number';
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.t === 'number' &&
    typeof p.rate === 'number' &&
    typeof p.failureRate === 'number' &&
    optional(p.mean) &&
    optional(p.p95)
  );
}
