// The charts' history from Prometheus, when the gateway has one: the last minutes of a function's
// rates and durations as the same points the browser computes from /metrics, so the charts show
// history at once instead of starting empty.
import { FaasError } from '@faas/contracts';

/** One step of a function's history (the same shape as the browser's MetricPoint). */
export interface SeriesPoint {
  /** End of the step, ms since the epoch. */
  t: number;
  /** Invocations per second. */
  rate: number;
  /** Invocations with status ≥ 400 per second. */
  failureRate: number;
  /** Mean duration, seconds; null when nothing was invoked. */
  mean: number | null;
  /** 95th percentile duration, seconds; null when nothing was invoked. */
  p95: number | null;
}

/** A function's metric name as the gateway labels it: `name.namespace`. */
const FUNCTION_NAME = /^[-a-zA-Z_0-9.]{1,253}$/;

function queries(fn: string): Record<'rate' | 'failureRate' | 'mean' | 'p95', string> {
  const sel = `function_name="${fn}"`;
  return {
    rate: `sum(rate(gateway_function_invocation_total{${sel}}[1m]))`,
    failureRate: `sum(rate(gateway_function_invocation_total{${sel},code=~"4..|5.."}[1m]))`,
    mean: `sum(rate(gateway_functions_seconds_sum{${sel}}[1m])) / sum(rate(gateway_functions_seconds_count{${sel}}[1m]))`,
    p95: `histogram_quantile(0.95, sum by (le) (rate(gateway_functions_seconds_bucket{${sel}}[1m])))`,
  };
}

interface RangeAnswer {
  status?: string;
  error?: string;
  data?: { result?: { values?: [number, string][] }[] };
}

/** Reads function histories from Prometheus' HTTP API (`/api/v1/query_range`). */
export class PrometheusSeries {
  constructor(
    /** Base URL, e.g. `http://prometheus:9090`. */
    readonly baseUrl: string,
    private readonly timeoutMs = 5_000,
  ) {}

  /** The last `minutes` of `function_name` in `stepSeconds` steps; throws FaasErrors for the UI to show. */
  async series(functionName: string, minutes: number, stepSeconds = 15): Promise<SeriesPoint[]> {
    if (!FUNCTION_NAME.test(functionName))
      throw new FaasError(
        'INVALID_REQUEST',
        `function: ${JSON.stringify(functionName)} is not a function name`,
      );
    const end = Math.floor(Date.now() / 1000);
    const start = end - minutes * 60;
    const named = Object.entries(queries(functionName)) as [keyof ReturnType<typeof queries>, string][];
    const columns = await Promise.all(named.map(([, q]) => this.range(q, start, end, stepSeconds)));
    const points = new Map<number, SeriesPoint>();
    named.forEach(([key], i) => {
      for (const [ts, text] of columns[i]!) {
        const point = points.get(ts) ?? { t: ts * 1000, rate: 0, failureRate: 0, mean: null, p95: null };
        const value = Number(text);
        if (Number.isFinite(value)) point[key] = value;
        points.set(ts, point);
      }
    });
    return [...points.values()].sort((a, b) => a.t - b.t);
  }

  private async range(query: string, start: number, end: number, step: number): Promise<[number, string][]> {
    const params = new URLSearchParams({ query, start: String(start), end: String(end), step: String(step) });
    let answer: RangeAnswer;
    try {
      const res = await fetch(`${this.baseUrl}/api/v1/query_range?${params}`, {
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      answer = (await res.json()) as RangeAnswer;
    } catch (err) {
      throw new FaasError(
        'UPSTREAM_UNREACHABLE',
        `Prometheus at ${this.baseUrl} did not answer: ${(err as Error).message}`,
      );
    }
    if (answer.status !== 'success')
      throw new FaasError(
        'UPSTREAM_UNREACHABLE',
        `Prometheus at ${this.baseUrl} refused the query: ${answer.error ?? 'no reason given'}`,
      );
    return answer.data?.result?.[0]?.values ?? [];
  }
}
