import { MetricsHistory, quantile } from './metrics-history.js';
import { parseGatewayMetrics } from './prometheus-text.js';

function scrape(ok: number, failed: number, sum: number, buckets: [string, number][]): string {
  const fn = 'function_name="echo.openfaas-fn"';
  return [
    '# HELP gateway_function_invocation_total Invocations',
    '# TYPE gateway_function_invocation_total counter',
    `gateway_function_invocation_total{${fn},code="200"} ${ok}`,
    `gateway_function_invocation_total{${fn},code="500"} ${failed}`,
    ...buckets.map(([le, n]) => `gateway_functions_seconds_bucket{le="${le}",${fn},code="200"} ${n}`),
    `gateway_functions_seconds_sum{${fn},code="200"} ${sum}`,
    `gateway_functions_seconds_count{${fn},code="200"} ${ok + failed}`,
    'gateway_service_count{function_name="echo.openfaas-fn"} 1',
    'process_cpu_seconds_total 1.5',
  ].join('\n');
}

describe('reading the gateway metrics', () => {
  it('sums invocations over codes, counts failures, and collects the histogram', () => {
    const c = parseGatewayMetrics(
      scrape(7, 3, 0.5, [
        ['0.1', 9],
        ['+Inf', 10],
      ]),
    ).get('echo.openfaas-fn');
    expect(c).toEqual({
      invocations: 10,
      failures: 3,
      secondsSum: 0.5,
      secondsCount: 10,
      buckets: new Map([
        [0.1, 9],
        [Infinity, 10],
      ]),
    });
  });

  it('reads escaped label values', () => {
    const m = parseGatewayMetrics('gateway_function_invocation_total{function_name="a\\"b.ns",code="200"} 2');
    expect(m.get('a"b.ns')?.invocations).toBe(2);
  });
});

describe('rates and latency between scrapes', () => {
  it('divides each increase by the seconds between scrapes', () => {
    const history = new MetricsHistory();
    history.add(
      0,
      parseGatewayMetrics(
        scrape(10, 0, 1, [
          ['0.1', 10],
          ['1', 10],
          ['+Inf', 10],
        ]),
      ),
    );
    history.add(
      5000,
      parseGatewayMetrics(
        scrape(18, 2, 2.5, [
          ['0.1', 12],
          ['1', 20],
          ['+Inf', 20],
        ]),
      ),
    );
    const [point] = history.series('echo.openfaas-fn');
    expect(point!.t).toBe(5000);
    expect(point!.rate).toBeCloseTo(2);
    expect(point!.failureRate).toBeCloseTo(0.4);
    expect(point!.mean).toBeCloseTo(0.15);
    // 10 new observations: 2 under 0.1 s, 8 between 0.1 and 1 s; rank 9.5 → 0.1 + 0.9 × 7.5/8
    expect(point!.p95).toBeCloseTo(0.94375);
  });

  it('has no latency for an interval without invocations, and treats a counter reset as a restart', () => {
    const history = new MetricsHistory();
    history.add(0, parseGatewayMetrics(scrape(10, 0, 1, [['+Inf', 10]])));
    history.add(1000, parseGatewayMetrics(scrape(10, 0, 1, [['+Inf', 10]])));
    history.add(
      2000,
      parseGatewayMetrics(
        scrape(3, 0, 0.3, [
          ['0.5', 3],
          ['+Inf', 3],
        ]),
      ),
    );
    const [quiet, restarted] = history.series('echo.openfaas-fn');
    expect(quiet).toEqual({ t: 1000, rate: 0, failureRate: 0, mean: undefined, p95: undefined });
    expect(restarted!.rate).toBeCloseTo(3);
    expect(restarted!.mean).toBeCloseTo(0.1);
  });

  it('forgets points older than its window', () => {
    const history = new MetricsHistory(10_000);
    for (let t = 0; t <= 30_000; t += 5000) history.add(t, parseGatewayMetrics(scrape(t, 0, 0, [])));
    expect(history.series('echo.openfaas-fn').map((p) => p.t)).toEqual([20_000, 25_000, 30_000]);
  });

  it('gives the highest finite bound when the quantile falls in +Inf', () => {
    expect(
      quantile(
        0.95,
        new Map([
          [1, 0],
          [Infinity, 5],
        ]),
        undefined,
      ),
    ).toBe(1);
  });
});

describe('keeping the history for the next visit', () => {
  const point = (t: number, rate: number) => ({ t, rate, failureRate: 0, mean: 0.01, p95: undefined });

  it('keeps the functions that were invoked in the window, through JSON', () => {
    const history = new MetricsHistory(60_000);
    history.restore({ 'busy.ns': [point(1_000, 0), point(6_000, 2)], 'idle.ns': [point(1_000, 0)] }, 10_000);
    const saved = JSON.parse(JSON.stringify(history.snapshot())) as unknown;
    expect(Object.keys(saved as object)).toEqual(['busy.ns']);
    const next = new MetricsHistory(60_000);
    next.restore(saved, 20_000);
    expect(next.series('busy.ns')).toEqual([
      { t: 1_000, rate: 0, failureRate: 0, mean: 0.01 },
      { t: 6_000, rate: 2, failureRate: 0, mean: 0.01 },
    ]);
  });

  it('drops what is older than the window, from the future, or not a point', () => {
    const history = new MetricsHistory(60_000);
    history.restore(
      { 'a.ns': [point(1_000, 1), point(70_000, 1), point(200_000, 1), { t: 'x' }, null], 'b.ns': 'nope' },
      100_000,
    );
    expect(history.series('a.ns').map((p) => p.t)).toEqual([70_000]);
    expect(history.series('b.ns')).toEqual([]);
    history.restore(null, 100_000);
    history.restore('garbage', 100_000);
  });
});
