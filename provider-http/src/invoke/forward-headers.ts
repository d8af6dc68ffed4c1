import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { HOP_BY_HOP_HEADERS } from '@faas/contracts';
import { plainAddress } from '@faas/service-kit';

const HOP_BY_HOP = new Set(HOP_BY_HOP_HEADERS);

/** Headers minus hop-by-hop ones, including those the `Connection` header names. */
export function withoutHopByHop(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const connection = headers.connection;
  const named = connection
    ? connection
        .toLowerCase()
        .split(',')
        .map((h) => h.trim())
    : [];
  const out: OutgoingHttpHeaders = {};
  for (const key in headers) {
    if (HOP_BY_HOP.has(key) || (named.length > 0 && named.includes(key))) continue;
    out[key] = headers[key];
  }
  return out;
}

/**
 * The headers of the upstream request: the caller's minus hop-by-hop ones, plus
 * `X-Forwarded-Host`/`X-Forwarded-For` when absent. A chunked body stays chunked on the new hop.
 */
export function upstreamRequestHeaders(
  headers: IncomingHttpHeaders,
  remoteAddress: string | undefined,
): OutgoingHttpHeaders {
  const out = withoutHopByHop(headers);
  if (headers['x-forwarded-host'] === undefined && headers.host) out['x-forwarded-host'] = headers.host;
  if (headers['x-forwarded-for'] === undefined && remoteAddress)
    out['x-forwarded-for'] = plainAddress(remoteAddress);
  if (headers['transfer-encoding'] !== undefined && headers['content-length'] === undefined) {
    out['transfer-encoding'] = 'chunked';
  }
  return out;
}
