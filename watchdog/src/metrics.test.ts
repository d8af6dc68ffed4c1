import { WatchdogMetrics } from './metrics.js';

describe('WatchdogMetrics', () => {
  it('renders the three of-watchdog metrics in the Prometheus text format', () => {
    const metrics = new WatchdogMetrics();
    metrics.started();
    metrics.started();
    metrics.finished('POST', 200, 0.02);
    metrics.observe('OPTIONS', 405, 0.001);
    const text = metrics.render();
    expect(text).toContain(
      '# TYPE http_requests_total counter\nhttp_requests_total{code="200",method="post"} 1\nhttp_requests_total{code="405",method="options"} 1',
    );
    expect(text).toContain('http_request_duration_seconds_bucket{code="200",method="post",le="0.01"} 0');
    expect(text).toContain('http_request_duration_seconds_bucket{code="200",method="post",le="0.025"} 1');
    expect(text).toContain('http_request_duration_seconds_bucket{code="200",method="post",le="+Inf"} 1');
    expect(text).toContain('http_request_duration_seconds_sum{code="200",method="post"} 0.02');
    expect(text).toContain('http_request_duration_seconds_count{code="200",method="post"} 1');
    expect(text).toContain('# TYPE http_requests_in_flight gauge\nhttp_requests_in_flight 1\n');
  });

  it('keeps separate counts per instance', () => {
    const a = new WatchdogMetrics();
    const b = new WatchdogMetrics();
    a.observe('GET', 200, 1);
    expect(a.render()).toContain('http_requests_total{code="200",method="get"} 1');
    expect(b.render()).not.toContain('http_requests_total{');
  });
});
