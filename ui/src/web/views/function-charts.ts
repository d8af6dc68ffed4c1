// Invocation rate and latency of one function over the last minutes, from the gateway's /metrics.
import type { MetricsHistory } from '../api/metrics-history.js';
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

/** The charts panel; call `dispose` to stop scraping. */
export function functionCharts(ctx: Context, fn: FunctionRef): { element: HTMLElement; dispose(): void } {
  const metricName = `${fn.name}.${fn.namespace}`;
  const rateBox = h('figure', { class: 'chart-box' });
  const latencyBox = h('figure', { class: 'chart-box' });
  const note = h('p', { class: 'chart-note' });
  const draw = (history: MetricsHistory, error?: Error) => {
    const points = history.series(metricName);
    const now = Date.now();
    const times = points.map((p) => p.t);
    const common = { times, now, windowMs: shownWindow(times, now, history.windowMs) };
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
    note.textContent = error
      ? `${error.message}. Charts resume when /metrics answers again.`
      : points.length === 0
        ? 'Collecting: the gateway’s /metrics is read every 5 seconds; the first point appears after the second reading.'
        : 'From the gateway’s /metrics, read every 5 seconds since the UI was opened (up to the last 10 minutes).';
  };
  const stop = ctx.metrics.listen(draw);
  const element = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'charts-title' },
    h('h2', { id: 'charts-title' }, 'Invocations'),
    note,
    h('div', { class: 'charts' }, rateBox, latencyBox),
  );
  return { element, dispose: stop };
}
