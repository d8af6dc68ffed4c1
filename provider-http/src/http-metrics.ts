import { Counter, Histogram, Registry } from 'prom-client';

/** The provider HTTP metrics (`/metrics`), on one registry per app. */
export interface HttpMetrics {
  /** The registry `/metrics` serves. */
  registry: Registry;
  /** Records one finished request; `path` is the route template, never the raw path. */
  observe(method: string, path: string, code: number, seconds: number): void;
}

/** Registers `provider_http_requests_total` and `provider_http_request_duration_seconds`. */
export function createHttpMetrics(registry: Registry = new Registry()): HttpMetrics {
  const labelNames = ['code', 'method', 'path'] as const;
  const total = new Counter({
    name: 'provider_http_requests_total',
    help: 'Requests the provider answered, by status code, method and route template.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'provider_http_request_duration_seconds',
    help: 'Seconds the provider took to answer, by status code, method and route template.',
    labelNames,
    registers: [registry],
  });
  return {
    registry,
    observe(method, path, code, seconds) {
      const labels = { code: String(code), method, path };
      total.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}
