import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { endToEndMap, plainAddress } from '@faas/service-kit';

/**
 * The headers of the upstream request: the caller's minus hop-by-hop ones, plus
 * `X-Forwarded-Host`/`X-Forwarded-For` when absent. A chunked body stays chunked on the new hop.
 */
export function upstreamRequestHeaders(
  headers: IncomingHttpHeaders,
  remoteAddress: string | undefined,
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = endToEndMap(headers);
  if (headers['x-forwarded-host'] === undefined && headers.host) out['x-forwarded-host'] = headers.host;
  if (headers['x-forwarded-for'] === undefined && remoteAddress)
    out['x-forwarded-for'] = plainAddress(remoteAddress);
  if (headers['transfer-encoding'] !== undefined && headers['content-length'] === undefined) {
    out['transfer-encoding'] = 'chunked';
  }
  return out;
}
