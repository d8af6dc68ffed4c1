import { HEADERS, HOP_BY_HOP_HEADERS } from '@faas/contracts';

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

const DURATION = HEADERS.durationSeconds.toLowerCase();

/**
 * The function's answer headers as http mode passes them on (both runtimes): without hop-by-hop
 * fields, and with `X-Duration-Seconds` — the time until the function's answer began, as
 * of-watchdog sets it — in place of any the function sent.
 */
export function answerHeaders(raw: string[], seconds: string): string[] {
  const out = withoutHopByHop(raw);
  for (let i = out.length - 2; i >= 0; i -= 2) {
    if ((out[i] as string).toLowerCase() === DURATION) out.splice(i, 2);
  }
  out.push(HEADERS.durationSeconds, seconds);
  return out;
}
