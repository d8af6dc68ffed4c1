// Series labelled `function_name` belong to a function: when it is gone, so are they. Every metric
// of a registry is covered, whoever made it (the gateway's invocations, scaling and async series,
// the queue worker's). The gateway and the worker both drop series through this one function.

/** A metric as far as removing its series goes. */
interface LabelledMetric {
  labelNames?: readonly string[];
  get():
    | Promise<{ values: { labels: Record<string, string | number> }[] }>
    | { values: { labels: Record<string, string | number> }[] };
  remove(labels: Record<string, string | number>): void;
}

/** A prom-client `Registry`, as far as listing its metrics goes (service-kit does not depend on it). */
export interface MetricRegistry {
  getMetricsAsArray(): unknown[];
}

/** Removes every series whose `function_name` is `gone`; returns how many. */
export async function removeFunctionSeries(
  registry: MetricRegistry,
  gone: (functionName: string) => boolean,
): Promise<number> {
  let removed = 0;
  for (const metric of registry.getMetricsAsArray() as unknown as LabelledMetric[]) {
    if (!metric.labelNames?.includes('function_name')) continue;
    const seen = new Set<string>();
    for (const { labels } of (await metric.get()).values) {
      const name = labels.function_name;
      if (name === undefined || !gone(String(name))) continue;
      // A histogram lists each series once per bucket (`le`), and its sum and count without one.
      const { le: _bucket, ...series } = labels;
      const key = JSON.stringify(series);
      if (seen.has(key)) continue;
      seen.add(key);
      metric.remove(series);
      removed++;
    }
  }
  return removed;
}
