// Invocation rate and latency of one function over the last minutes: from the gateway's Prometheus
// when the UI has one (history at once), else computed in the browser from the gateway's /metrics.
import type { MetricPoint, MetricsHistory } from '../api/metrics-history.js';
import { prometheusHistory } from '../api/prometheus-history.js';
import { h, replace } from '../lib/dom.js';
import { rate, seconds } from '../lib/format.js';
import type { FunctionRef } from '../lib/routes.js';
import { lineChart, shownWindow } from './line-chart.js';
import type { Context } from './view.js';

function legend(items: [string, string][]): HTMLElement {
  return h(
    'ul',
    { class: 'legend' },
    items.map(([name, className]) =>
      h('li', {}, h('span', { class: `swatch ${className}`, 'aria-hidden': 'true' }), name),
    ),
  );
}

/** How much history the charts show. */
const HISTORY_MINUTES = 10;

/** The charts panel; call `dispose` to stop scraping. */
export function functionCharts(ctx: Context, fn: FunctionRef): { element: HTMLElement; dispose(): void } {
  const metricName = `${fn.name}.${fn.namespace}`;
  const rateBox = h('figure', { class: 'chart-box' });
  const latencyBox = h('figure', { class: 'chart-box' });
  const note = h('p', { class: 'chart-note' }, 'Loading…');
  /**
   * Draws `points` over `windowMs`; `whole` keeps the whole window on the axis (Prometheus knows
   * it all), otherwise the axis spans what this browser has seen. Points further apart than
   * `stepMs` × 3 are not joined.
   */
  const draw = (
    points: readonly MetricPoint[],
    window: { ms: number; whole: boolean; stepMs: number },
    words: string,
  ) => {
    const now = Date.now();
    const times = points.map((p) => p.t);
    const common = {
      times,
      now,
      windowMs: window.whole ? window.ms : shownWindow(times, now, window.ms),
      maxGapMs: window.stepMs * 3,
    };
    replace(
      rateBox,
      h('figcaption', {}, 'Invocations per second'),
      lineChart({
        ...common,
        label: 'Invocations per second',
        width: rateBox.clientWidth,
        format: rate,
        minMax: 1,
        series: [
          { name: 'all', className: 'series-a', values: points.map((p) => p.rate) },
          { name: 'failed (4xx/5xx)', className: 'series-b', values: points.map((p) => p.failureRate) },
        ],
      }),
      legend([
        ['all', 'series-a'],
        ['failed (4xx/5xx)', 'series-b'],
      ]),
    );
    replace(
      latencyBox,
      h('figcaption', {}, 'Duration'),
      lineChart({
        ...common,
        label: 'Invocation duration',
        width: latencyBox.clientWidth,
        format: seconds,
        minMax: 0.01,
        series: [
          { name: 'mean', className: 'series-a', values: points.map((p) => p.mean) },
          { name: '95th percentile', className: 'series-b', values: points.map((p) => p.p95) },
        ],
      }),
      legend([
        ['mean', 'series-a'],
        ['95th percentile', 'series-b'],
      ]),
    );
    note.textContent = words;
  };
  const fromMetrics = (history: MetricsHistory, error?: Error) => {
    const points = history.series(metricName);
    draw(
      points,
      { ms: history.windowMs, whole: false, stepMs: ctx.metrics.intervalMs },
      error
        ? `${error.message}. Charts resume when /metrics answers again.`
        : points.length === 0
          ? 'Collecting: the gateway’s /metrics is read every 5 seconds; the first point appears after the second reading.'
          : 'From the gateway’s /metrics, read every 5 seconds while the UI is open in this browser (kept for the last 10 minutes; gaps where it was closed). With Prometheus configured on the gateway, the charts show all of the last 10 minutes.',
    );
  };

  let stop: () => void = () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const fromPrometheus = async () => {
    try {
      const points = await prometheusHistory(metricName, HISTORY_MINUTES);
      if (stopped) return;
      if (points === 'none') {
        stop = ctx.metrics.listen(fromMetrics);
        return;
      }
      draw(
        points,
        { ms: HISTORY_MINUTES * 60_000, whole: true, stepMs: 15_000 },
        'From Prometheus: per-second rates over 1-minute windows, last 10 minutes, every 15 seconds.',
      );
    } catch (err) {
      // Prometheus is configured but failing: say so, and chart from /metrics instead.
      if (stopped) return;
      const reason = (err as Error).message;
      stop = ctx.metrics.listen((history, error) => {
        fromMetrics(history, error);
        note.textContent = `${reason} — charting from the gateway’s /metrics instead. ${note.textContent}`;
      });
      return;
    }
    timer = setTimeout(() => void fromPrometheus(), 15_000);
  };
  void fromPrometheus();
  const element = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'charts-title' },
    h('h2', { id: 'charts-title' }, 'Invocations'),
    note,
    h('div', { class: 'charts' }, rateBox, latencyBox),
  );
  return {
    element,
    dispose: () => {
      stopped = true;
      clearTimeout(timer);
      stop();
    },
  };
}
