// How the real API server rewrites resource quantities: it stores the canonical form, so
// `cpu: "0.5"` reads back as `500m` and `memory: "1.5Gi"` as `1536Mi` (resource.Quantity.String()).

const DECIMAL: [string, number][] = [
  ['E', 1e18],
  ['P', 1e15],
  ['T', 1e12],
  ['G', 1e9],
  ['M', 1e6],
  ['k', 1e3],
  ['', 1],
  ['m', 1e-3],
  ['u', 1e-6],
  ['n', 1e-9],
];
const BINARY: [string, number][] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

const isWhole = (n: number) => Math.abs(n - Math.round(n)) < 1e-9 * Math.max(1, Math.abs(n));

/** The canonical form of a quantity, or the input unchanged when it is not one (the caller rejects it). */
export function canonicalQuantity(raw: string): string {
  const m = /^(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?$/.exec(raw);
  if (!m) return raw;
  const suffix = m[2] ?? '';
  const binary = BINARY.find(([s]) => s === suffix);
  const value = Number(m[1]) * (binary ? binary[1] : (DECIMAL.find(([s]) => s === suffix)?.[1] ?? 1));
  if (binary && isWhole(value)) {
    const fit = BINARY.find(([, mult]) => isWhole(value / mult) && value >= mult);
    return fit ? `${Math.round(value / fit[1])}${fit[0]}` : String(Math.round(value));
  }
  const fit = DECIMAL.find(([, mult]) => isWhole(value / mult) && (value >= mult || mult <= 1));
  return fit ? `${Math.round(value / fit[1])}${fit[0]}` : raw;
}
