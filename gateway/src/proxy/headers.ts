// Header rules of the invocation proxy (gateway/README.md): hop-by-hop headers dropped both ways,
// X-Forwarded-* set when absent, X-Call-Id and X-Start-Time on the request and the response.
// Headers travel as flat `[name, value, …]` arrays, which Node writes without building a header
// map per message (measurably cheaper on the hot path, bench/README.md).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { endToEnd, hopByHopAnd, plainAddress } from '@faas/service-kit';

/** Stamped by the gateway itself; the client already got its `100 Continue` from us. */
const REPLACED_ON_REQUEST = hopByHopAnd('expect', 'x-call-id', 'x-start-time');
const REPLACED_ON_RESPONSE = hopByHopAnd('x-call-id', 'x-start-time');

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

/** What the gateway changes on a forwarded request besides the stamp. */
export interface RequestOverrides {
  /** Replaces the caller's `Authorization` (the gateway's credentials toward its provider). */
  authorization?: string;
  /** The length of a body the gateway read and rewrote; the caller's framing is dropped. */
  contentLength?: number;
}

/** Headers for the upstream request, as a flat array. */
export function upstreamRequestHeaders(
  req: IncomingMessage,
  stamp: CallStamp,
  overrides: RequestOverrides = {},
): string[] {
  const out: string[] = [];
  let forwardedFor = false;
  let forwardedHost = false;
  endToEnd(req.rawHeaders, REPLACED_ON_REQUEST, out, (name) => {
    if (name === 'x-forwarded-for') forwardedFor = true;
    else if (name === 'x-forwarded-host') forwardedHost = true;
    else if (name === 'authorization') return overrides.authorization === undefined;
    else if (name === 'content-length') return overrides.contentLength === undefined;
    return true;
  });
  out.push('X-Call-Id', stamp.callId, 'X-Start-Time', stamp.startTime);
  if (!forwardedFor && req.socket.remoteAddress)
    out.push('X-Forwarded-For', plainAddress(req.socket.remoteAddress));
  if (!forwardedHost && req.headers.host) out.push('X-Forwarded-Host', req.headers.host);
  if (overrides.authorization !== undefined) out.push('Authorization', overrides.authorization);
  if (overrides.contentLength !== undefined) out.push('Content-Length', String(overrides.contentLength));
  return out;
}

/** Headers for the client's response, as a flat array: the upstream's (raw, flat) minus hop-by-hop, plus the stamp. */
export function downstreamResponseHeaders(upstreamRaw: string[], stamp: CallStamp): string[] {
  const out: string[] = [];
  endToEnd(upstreamRaw, REPLACED_ON_RESPONSE, out);
  out.push('X-Call-Id', stamp.callId, 'X-Start-Time', stamp.startTime);
  return out;
}
