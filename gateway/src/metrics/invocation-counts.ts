// Where `invocationCount` in `GET /system/functions` comes from.
import { inject, injectable } from 'inversify';
import { GatewayMetrics } from './gateway-metrics.js';

/** Invocations per `name.namespace`. */
export interface InvocationCounts {
  /** Counts by `function_name`; throws when the source is unavailable. */
  counts(): Promise<Map<string, number>>;
}

/** This gateway's own counters: exact for one gateway, reset by a restart. */
@injectable()
export class LocalInvocationCounts implements InvocationCounts {
  constructor(@inject(GatewayMetrics) private readonly metrics: GatewayMetrics) {}
  counts(): Promise<Map<string, number>> {
    return this.metrics.invocationCounts();
  }
}

const QUERY = 'sum(gateway_function_invocation_total{function_name=~".*", code=~".*"}) by (function_name)';

interface PrometheusAnswer {
  status: string;
  data?: { result?: { metric: { function_name?: string }; value: [number, string] }[] };
}

/** Prometheus, as OpenFaaS does it: the sum over every gateway replica it scrapes. */
export class PrometheusInvocationCounts implements InvocationCounts {
  private readonly url: string;

  constructor(
    host: string,
    port: number,
    private readonly timeoutMs = 2_000,
  ) {
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/api/v1/query?query=${encodeURIComponent(QUERY)}`;
  }

  async counts(): Promise<Map<string, number>> {
    const res = await fetch(this.url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!res.ok) throw new Error(`Prometheus answered ${res.status}`);
    const answer = (await res.json()) as PrometheusAnswer;
    if (answer.status !== 'success') throw new Error(`Prometheus query failed: ${answer.status}`);
    const counts = new Map<string, number>();
    for (const sample of answer.data?.result ?? []) {
      if (sample.metric.function_name) counts.set(sample.metric.function_name, Number(sample.value[1]));
    }
    return counts;
  }
}
