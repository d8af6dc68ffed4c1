// Header rules of the invocation proxy (SPEC §2.1): hop-by-hop headers dropped both ways,
// X-Forwarded-* set when absent, X-Call-Id and X-Start-Time on the request and the response.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { HOP_BY_HOP_HEADERS } from '@faas/contracts';

const HOP_BY_HOP = new Set(HOP_BY_HOP_HEADERS);
/** The client already got its `100 Continue` from us; the upstream must not be asked again. */
const NOT_FORWARDED = new Set([...HOP_BY_HOP_HEADERS, 'expect']);

/** The call id and start time of one invocation, sent upstream and back to the client. */
export interface CallStamp {
  /** The caller's `X-Call-Id`, or a new UUID. */
  callId: string;
  /** Unix nanoseconds when the gateway received the request, as a decimal string. */
  startTime: string;
}

/** Stamps a request: keeps its `X-Call-Id` when it has one. */
export function stampOf(req: IncomingMessage): CallStamp {
  const given = req.headers['x-call-id'];
  const callId = typeof given === 'string' && given !== '' ? given : randomUUID();
  return { callId, startTime: `${Date.now()}000000` };
}

/** Header names listed in `Connection`, which are hop-by-hop for this message only. */
function connectionTokens(raw: string[]): Set<string> | undefined {
  let tokens: Set<string> | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if ((raw[i] as string).toLowerCase() !== 'connection') continue;
    tokens ??= new Set();
    for (const token of (raw[i + 1] as string).split(',')) tokens.add(token.trim().toLowerCase());
  }
  return tokens;
}

function copyHeaders(raw: string[], drop: Set<string>): OutgoingHttpHeaders {
  const extra = connectionTokens(raw);
  const headers: OutgoingHttpHeaders = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (drop.has(name) || extra?.has(name)) continue;
    const value = raw[i + 1] as string;
    const seen = headers[name];
    if (seen === undefined) headers[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else headers[name] = [String(seen), value];
  }
  return headers;
}

/** Headers for the upstream request; `authorization` replaces the caller's when given (null removes it). */
export function upstreamRequestHeaders(
  req: IncomingMessage,
  stamp: CallStamp,
  authorization?: string | null,
): OutgoingHttpHeaders {
  const headers = copyHeaders(req.rawHeaders, NOT_FORWARDED);
  headers['x-call-id'] = stamp.callId;
  headers['x-start-time'] = stamp.startTime;
  if (headers['x-forwarded-for'] === undefined && req.socket.remoteAddress)
    headers['x-forwarded-for'] = req.socket.remoteAddress;
  if (headers['x-forwarded-host'] === undefined && req.headers.host)
    headers['x-forwarded-host'] = req.headers.host;
  if (authorization === null) delete headers.authorization;
  else if (authorization !== undefined) headers.authorization = authorization;
  return headers;
}

/** Headers for the client's response: the upstream's, minus hop-by-hop, plus the call stamp. */
export function downstreamResponseHeaders(upstream: IncomingMessage, stamp: CallStamp): OutgoingHttpHeaders {
  const headers = copyHeaders(upstream.rawHeaders, HOP_BY_HOP);
  headers['x-call-id'] = stamp.callId;
  headers['x-start-time'] = stamp.startTime;
  return headers;
}
