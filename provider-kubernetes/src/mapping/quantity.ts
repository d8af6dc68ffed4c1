// Resource quantities. The contract accepts Kubernetes units (`128Mi`, `1G`) and Docker units
// (`128m`, `1g`, `512mb`, binary multiples); Kubernetes would read `128m` as 0.128 bytes, so Docker
// units are translated to their binary Kubernetes spelling before they reach the API server.

const BINARY: Record<string, string> = { k: 'Ki', m: 'Mi', g: 'Gi', t: 'Ti', p: 'Pi', e: 'Ei' };
const KUBERNETES_SUFFIX = /^(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

/**
 * A memory quantity as Kubernetes reads it: Kubernetes spellings pass through; Docker spellings
 * (lower-case `m g t p e`, upper-case `K`, any `kb`/`mb`/… and `b`) become binary multiples or bytes.
 */
export function toKubernetesMemory(raw: string): string {
  const match = /^(\d+(?:\.\d+)?|\.\d+)([a-zA-Z]*)$/.exec(raw.trim());
  if (!match) return raw;
  const [, number, suffix = ''] = match as unknown as [string, string, string];
  if (KUBERNETES_SUFFIX.test(suffix)) return `${number}${suffix}`;
  if (/^[bB]$/.test(suffix)) return number;
  const unit = BINARY[suffix.charAt(0).toLowerCase()];
  return unit ? `${number}${unit}` : raw;
}

const MULTIPLIERS: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * The numeric value of a Kubernetes quantity (`500m` → 0.5, `1536Mi` → 1610612736), or NaN.
 * Used to tell whether the API server's canonical form (`0.5` comes back as `500m`) still means
 * what the user sent.
 */
export function quantityValue(quantity: string): number {
  const match =
    /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?)$/.exec(
      quantity.trim(),
    );
  if (!match) return Number.NaN;
  const base = Number(match[1]);
  if (match[2]) return base * 10 ** Number(match[2].slice(1));
  return base * (MULTIPLIERS[match[3] ?? ''] as number);
}

/** Whether two quantities mean the same amount (within floating-point rounding). */
export function sameQuantity(a: string, b: string): boolean {
  const x = quantityValue(a);
  const y = quantityValue(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return a === b;
  return Math.abs(x - y) <= Math.max(Math.abs(x), Math.abs(y)) * 1e-9;
}
