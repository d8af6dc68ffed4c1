import { HOP_BY_HOP_HEADERS } from '@faas/contracts';

const HOP_BY_HOP = new Set(HOP_BY_HOP_HEADERS);

/** True for a header that concerns one connection only (RFC 9110 §7.6.1); `lowerName` lower-cased. */
export function isHopByHop(lowerName: string): boolean {
  return HOP_BY_HOP.has(lowerName);
}

/**
 * A flat `[name, value, …]` header list without its hop-by-hop fields: what an http-mode watchdog
 * passes on in either direction. Both runtimes use it (no Node-only imports).
 */
export function withoutHopByHop(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (!isHopByHop((raw[i] as string).toLowerCase())) out.push(raw[i] as string, raw[i + 1] as string);
  }
  return out;
}
