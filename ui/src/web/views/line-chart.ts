// A small line chart as inline SVG: no chart library, no canvas, readable by screen readers
// through its label, and scalable to any width.
import { svg } from '../lib/dom.js';

/** One line of a chart. */
export interface ChartSeries {
  /** Legend name. */
  name: string;
  /** CSS class that colours it (`series-a`, `series-b`). */
  className: string;
  /** One value per time in `times`; undefined leaves a gap. */
  values: (number | undefined)[];
}

/** What `lineChart` draws. */
export interface ChartOptions {
  /** What the chart shows, for its accessible label. */
  label: string;
  /** Times of the points, ms. */
  times: number[];
  /** The lines. */
  series: ChartSeries[];
  /** The x axis spans [now − windowMs, now]. */
  now: number;
  windowMs: number;
  /** Formats a y value (axis labels and the summary). */
  format: (value: number) => string;
  /** The y axis reaches at least this. */
  minMax: number;
  /** Drawing width in CSS pixels (the container's), so labels keep their size on a phone. */
  width?: number;
  /** Two points further apart than this are not joined: nothing was measured in between. */
  maxGapMs?: number;
}

const H = 180;
const LEFT = 64;
const BOTTOM = 22;
const TOP = 8;
const RIGHT = 8;

/** Rounds a maximum up to 1, 2 or 5 × 10^n. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

/** "45 s", "3 min". */
function spanLabel(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

/** The time span to show: what has been seen so far (at least a minute), at most the whole window. */
export function shownWindow(times: number[], now: number, windowMs: number): number {
  const first = times[0];
  if (first === undefined) return 60_000;
  return Math.min(windowMs, Math.max(60_000, now - first + 5000));
}

/**
 * The SVG path of one series: undefined values and gaps longer than `maxGapMs` lift the pen, so
 * nothing is drawn where nothing was measured.
 */
export function linePath(
  times: readonly number[],
  values: readonly (number | undefined)[],
  x: (t: number) => number,
  y: (v: number) => number,
  maxGapMs = Infinity,
): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === undefined || (i > 0 && times[i]! - times[i - 1]! > maxGapMs)) pen = false;
    if (v === undefined) return;
    d += `${pen ? 'L' : 'M'}${x(times[i]!).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

/** The chart. */
export function lineChart(options: ChartOptions): SVGSVGElement {
  const W = Math.max(240, Math.round(options.width || 600));
  const all = options.series.flatMap((s) => s.values.filter((v): v is number => v !== undefined));
  const max = niceMax(Math.max(options.minMax, ...all));
  const x = (t: number) =>
    LEFT + ((t - (options.now - options.windowMs)) / options.windowMs) * (W - LEFT - RIGHT);
  const y = (v: number) => TOP + (1 - v / max) * (H - TOP - BOTTOM);
  const grid = [0, max / 2, max].map((v) => [
    svg('line', { class: 'grid', x1: LEFT, x2: W - RIGHT, y1: y(v), y2: y(v) }),
    svg('text', { class: 'axis', x: LEFT - 6, y: y(v) + 4, 'text-anchor': 'end' }, options.format(v)),
  ]);
  const span = spanLabel(options.windowMs);
  const xLabels = [
    svg('text', { class: 'axis', x: LEFT, y: H - 6 }, `−${span}`),
    svg('text', { class: 'axis', x: W - RIGHT, y: H - 6, 'text-anchor': 'end' }, 'now'),
  ];
  const lines = options.series.map((s) =>
    svg('path', {
      class: `line ${s.className}`,
      d: linePath(options.times, s.values, x, y, options.maxGapMs),
    }),
  );
  const summary = options.series
    .map((s) => {
      const values = s.values.filter((v): v is number => v !== undefined);
      if (values.length === 0) return `${s.name}: no data`;
      return `${s.name}: now ${options.format(values[values.length - 1]!)}, peak ${options.format(Math.max(...values))}`;
    })
    .join('; ');
  return svg(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${W} ${H}`,
      role: 'img',
      'aria-label': `${options.label}, last ${span}. ${summary}.`,
    },
    grid,
    xLabels,
    lines,
  );
}
