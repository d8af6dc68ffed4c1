// Hop-by-hop header rules, once for every proxy hop (gateway, provider, queue, worker, watchdog).
// Imports no `node:` module: the watchdog's Bun bundle imports this file by its subpath
// (`@faas/service-kit/http/hop-by-hop`), and each `node:` module costs Bun 2–9 MB (watchdog/README.md).
import { HOP_BY_HOP_HEADERS } from '@faas/contracts';

/** Lower-case names of the headers that belong to one connection (contracts' `HOP_BY_HOP_HEADERS`). */
export const HOP_BY_HOP: ReadonlySet<string> = new Set(HOP_BY_HOP_HEADERS);

/** True for a header that concerns one connection only; `lowerName` lower-cased. */
export function isHopByHop(lowerName: string): boolean {
  return HOP_BY_HOP.has(lowerName);
}

/** The hop-by-hop names plus `names` (lower-case): a drop list for one hop's own rules. */
export function hopByHopAnd(...names: string[]): ReadonlySet<string> {
  return new Set([...HOP_BY_HOP_HEADERS, ...names]);
}

/** Header names a `Connection` value lists: hop-by-hop for this message only. */
function addTokens(value: string, into: Set<string>): void {
  for (const token of value.split(',')) {
    const name = token.trim().toLowerCase();
    if (name) into.add(name);
  }
}

/** The names listed in the `Connection` fields of a flat `[name, value, …]` list, if any. */
export function connectionTokens(raw: readonly string[]): Set<string> | undefined {
  let tokens: Set<string> | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    // The length check first: this runs for every header of every proxied call.
    if ((raw[i] as string).length !== 10 || (raw[i] as string).toLowerCase() !== 'connection') continue;
    addTokens(raw[i + 1] as string, (tokens ??= new Set()));
  }
  return tokens;
}

/**
 * Appends to `out` the fields of a flat `[name, value, …]` list that are end-to-end: not in `drop`
 * (default: the hop-by-hop names), not named by `Connection`, and accepted by `keep` (called with
 * the lower-case name). Returns `out`.
 */
export function endToEnd(
  raw: readonly string[],
  drop: ReadonlySet<string> = HOP_BY_HOP,
  out: string[] = [],
  keep?: (lowerName: string) => boolean,
): string[] {
  const tokens = connectionTokens(raw);
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (drop.has(name) || tokens?.has(name) || (keep && !keep(name))) continue;
    out.push(raw[i] as string, raw[i + 1] as string);
  }
  return out;
}

/**
 * The end-to-end entries of a header map (`IncomingHttpHeaders`, a stored `Record<string, string[]>`):
 * without names in `drop` (default: the hop-by-hop names, compared lower-case) or named by its
 * `Connection` entry. Names keep their spelling.
 */
export function endToEndMap<V>(
  headers: Readonly<Record<string, V>>,
  drop: ReadonlySet<string> = HOP_BY_HOP,
): Record<string, V> {
  let tokens: Set<string> | undefined;
  for (const key in headers) {
    if (key.toLowerCase() !== 'connection') continue;
    const value = headers[key] as unknown;
    for (const v of Array.isArray(value) ? value : [value])
      if (typeof v === 'string') addTokens(v, (tokens ??= new Set()));
  }
  const out: Record<string, V> = {};
  for (const key in headers) {
    const name = key.toLowerCase();
    if (drop.has(name) || tokens?.has(name) || headers[key] === undefined) continue;
    out[key] = headers[key] as V;
  }
  return out;
}
