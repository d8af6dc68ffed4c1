// The hop-by-hop rules are service-kit's (one module for every hop), imported by a subpath that
// pulls no `node:` module into the Bun bundle.
import { HEADERS } from '@faas/contracts';
import { endToEnd } from '@faas/service-kit/http/hop-by-hop';

export { isHopByHop, endToEnd as withoutHopByHop } from '@faas/service-kit/http/hop-by-hop';

const DURATION = HEADERS.durationSeconds.toLowerCase();

/**
 * The function's answer headers as http mode passes them on (both runtimes): without hop-by-hop
 * fields, and with `X-Duration-Seconds` — the time until the function's answer began, as
 * of-watchdog sets it — in place of any the function sent.
 */
export function answerHeaders(raw: string[], seconds: string): string[] {
  const out = endToEnd(raw);
  for (let i = out.length - 2; i >= 0; i -= 2) {
    if ((out[i] as string).toLowerCase() === DURATION) out.splice(i, 2);
  }
  out.push(HEADERS.durationSeconds, seconds);
  return out;
}
