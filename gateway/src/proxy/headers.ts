// Header rules of the invocation proxy (gateway/README.md): hop-by-hop headers dropped both ways,
// X-Forwarded-* set when absent, X-Call-Id and X-Start-Time on the request and the response.
// Headers travel as flat `[name, value, …]` arrays, which Node writes without building a header
// map per message (measurably cheaper on the hot path, bench/README.md).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HOP_BY_HOP_HEADERS } from '@faas/contracts';
import { plainAddress } from '@faas/service-kit';

/** Stamped by the gateway itself; the client already got its `100 Continue` from us. */
const REPLACED_ON_REQUEST = new Set([...HOP_BY_HOP_HEADERS, 'expect', 'x-call-id', 'x-start-time']);
const REPLACED_ON_RESPONSE = new Set([...HOP_BY_HOP_HEADERS, 'x-call-id', 'x-start-time']);

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

/** Header names listed in `Connection`: hop-by-hop for this message only. */
function connectionTokens(raw: string[]): Set<string> | undefined {
  let tokens: Set<string> | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if ((raw[i] as string).length !== 10 || (raw[i] as string).toLowerCase() !== 'connection') continue;
    tokens ??= new Set();
    for (const token of (raw[i + 1] as string).split(',')) tokens.add(token.trim().toLowerCase());
  }
  return tokens;
}

/** Copies `raw` minus `drop` (and `Connection`'s tokens); calls `seen` with each kept lower-case name. */
function copy(raw: string[], drop: Set<string>, out: string[], seen?: (name: string) => boolean): void {
  const tokens = connectionTokens(raw);
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (drop.has(name) || tokens?.has(name) || (seen && !seen(name))) continue;
    out.push(raw[i] as string, raw[i + 1] as string);
  }
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
  copy(req.rawHeaders, REPLACED_ON_REQUEST, out, (name) => {
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
  copy(upstreamRaw, REPLACED_ON_RESPONSE, out);
  out.push('X-Call-Id', stamp.callId, 'X-Start-Time', stamp.startTime);
  return out;
}
