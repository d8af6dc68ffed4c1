import { parseDurationMs } from '@faas/contracts';

/**
 * Parses a duration setting: a bare number is seconds (`"10"`), otherwise Go syntax (`"10s"`,
 * `"1m30s"`, `"250ms"`). Returns milliseconds; throws with a message that names the fix.
 */
export function parseDuration(raw: string): number {
  const ms = parseDurationMs(raw);
  if (ms === undefined) throw new Error(`"${raw}" is not a duration, use 10s or 10`);
  return ms;
}

/** Formats milliseconds the way logs and docs show durations: `1.5s`, `250ms`, `2m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}
