// Reads the gateway's /metrics (Prometheus text format) into per-function counters (gateway/README.md, Metrics).

/** One function's counters at one scrape, summed over status codes. */
export interface FunctionCounters {
  /** `gateway_function_invocation_total`, all codes. */
  invocations: number;
  /** The same, codes ≥ 400 only. */
  failures: number;
  /** `gateway_functions_seconds_sum`. */
  secondsSum: number;
  /** `gateway_functions_seconds_count`. */
  secondsCount: number;
  /** `gateway_functions_seconds_bucket`: upper bound → cumulative count. */
  buckets: Map<number, number>;
}

/** A sample line: `name{labels} value [timestamp]`. */
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function labelsOf(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!text) return labels;
  for (const m of text.matchAll(LABEL))
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  return labels;
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** One sample of a scrape. */
export interface Sample {
  /** Metric name, with its `_total`/`_bucket`/… suffix. */
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Every sample of a scrape, in order; comments, blank and unreadable lines skipped. */
export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) continue;
    const value = parseValue(m[3]!);
    if (!Number.isNaN(value)) samples.push({ name: m[1]!, labels: labelsOf(m[2]), value });
  }
  return samples;
}

/** Counters per `function_name` (`name.namespace`). */
export function parseGatewayMetrics(text: string): Map<string, FunctionCounters> {
  const out = new Map<string, FunctionCounters>();
  const of = (fn: string): FunctionCounters => {
    let c = out.get(fn);
    if (!c)
      out.set(fn, (c = { invocations: 0, failures: 0, secondsSum: 0, secondsCount: 0, buckets: new Map() }));
    return c;
  };
  for (const { name, labels, value } of parseSamples(text)) {
    const fn = labels.function_name;
    if (!fn) continue;
    const c = of(fn);
    switch (name) {
      case 'gateway_function_invocation_total':
        c.invocations += value;
        if (Number(labels.code) >= 400) c.failures += value;
        break;
      case 'gateway_functions_seconds_sum':
        c.secondsSum += value;
        break;
      case 'gateway_functions_seconds_count':
        c.secondsCount += value;
        break;
      case 'gateway_functions_seconds_bucket': {
        const le = parseValue(labels.le ?? '');
        if (!Number.isNaN(le)) c.buckets.set(le, (c.buckets.get(le) ?? 0) + value);
        break;
      }
    }
  }
  return out;
}
