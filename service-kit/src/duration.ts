/** Matches Go-style durations: `1h2m3s`, `1m30s`, `500ms`, `1.5s`. */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/y;

/**
 * Parses a duration as the classic OpenFaaS components accept it: a bare number is seconds
 * (`"10"`), otherwise Go syntax (`"10s"`, `"1m30s"`, `"250ms"`). Returns milliseconds.
 * Throws with a message that names the fix.
 */
export function parseDuration(raw: string): number {
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const match = PART.exec(text);
    if (!match || match.index !== start) throw new Error(`"${raw}" is not a duration, use 10s or 10`);
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  }
  if (text.length === 0) throw new Error(`"${raw}" is not a duration, use 10s or 10`);
  return Math.round(total);
}

/** Formats milliseconds the way logs and docs show durations: `1.5s`, `250ms`, `2m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}
