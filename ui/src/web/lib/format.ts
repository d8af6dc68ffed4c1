// Numbers, times and sizes in words a person reads at a glance.

/** "3 s ago", "5 min ago", "2 h ago", "4 days ago"; the exact time goes in a title. */
export function ago(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso || '—';
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  const days = Math.floor(s / 86400);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/** 1234567 → "1,234,567". */
export function count(n: number): string {
  return new Intl.NumberFormat('en').format(n);
}

/** Bytes as B, KiB, MiB, GiB. */
export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Seconds as "850 µs", "12 ms", "1.4 s". */
export function seconds(s: number): string {
  if (s === 0) return '0 ms';
  if (s < 0.001) return `${Math.round(s * 1e6)} µs`;
  if (s < 1) return `${s < 0.01 ? (s * 1000).toFixed(1) : Math.round(s * 1000)} ms`;
  return `${s.toFixed(s < 10 ? 2 : 1)} s`;
}

/** A rate per second with sensible precision. */
export function rate(perSecond: number): string {
  if (Number.isInteger(perSecond)) return `${perSecond}/s`;
  if (perSecond < 0.1) return `${perSecond.toFixed(3)}/s`;
  if (perSecond < 10) return `${perSecond.toFixed(2)}/s`;
  return `${Math.round(perSecond)}/s`;
}

/** "12:03:04": a moment in the reader's local time, e.g. when something was last known. */
export function clock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
