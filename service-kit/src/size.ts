const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  ki: 1024,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
};

/**
 * Parses a byte size for limits such as the maximum body size: `1048576`, `10MB`, `64Mi`, `1GiB`.
 * Throws with a message that names the fix.
 */
export function parseByteSize(raw: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(raw);
  const factor = match ? UNITS[(match[2] as string).toLowerCase()] : undefined;
  if (!match || factor === undefined)
    throw new Error(`"${raw}" is not a byte size, use 10MB, 64Mi or 1048576`);
  return Math.round(Number(match[1]) * factor);
}
