import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FaasError, HEADERS, ROUTE_NAME_PATTERN, splitFunctionName } from '@faas/contracts';
import type { QueueRequest } from '@faas/contracts';
import { endToEnd, hopByHopAnd } from '@faas/service-kit';
import type { CallbackPolicy } from '../callback-policy.js';

/** The prefix of the async route. */
export const ASYNC_PREFIX = '/async-function/';

/**
 * Headers never stored: per-connection ones, and credentials — a queued call sits on disk (or in
 * NATS) and is replayed later; the gateway's own caller is not the function's business.
 */
const NOT_STORED = hopByHopAnd('authorization', 'cookie', 'proxy-authorization');
/** A caller's own `X-Call-Id` is kept when it looks like an id (it is echoed into logs and headers). */
const CALL_ID = /^[\w.:-]{1,128}$/;

/** What the URL of `POST /async-function/{name}[/{path}][?query]` says. */
export interface AsyncTarget {
  /** The function's name. */
  name: string;
  /** Its namespace (the default when the URL names none). */
  namespace: string;
  /** Path remainder, `/`-prefixed or empty. */
  path: string;
  /** Raw query without `?`. */
  query: string;
}

/** Splits the raw URL; FUNCTION_NOT_FOUND when the name is missing or not a valid route name. */
export function parseAsyncUrl(url: string, defaultNamespace: string): AsyncTarget {
  const rest = url.slice(ASYNC_PREFIX.length);
  const queryAt = rest.indexOf('?');
  const pathPart = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rest.slice(queryAt + 1);
  const slash = pathPart.indexOf('/');
  const raw = slash === -1 ? pathPart : pathPart.slice(0, slash);
  if (!ROUTE_NAME_PATTERN.test(raw))
    throw new FaasError('FUNCTION_NOT_FOUND', `Function not found: ${raw || '(no name)'}.`);
  const { name, namespace = defaultNamespace } = splitFunctionName(raw);
  return { name, namespace, path: slash === -1 ? '' : pathPart.slice(slash), query };
}

/**
 * `X-Callback-Url`, checked: absent is fine; anything but an absolute http(s) URL, or a host the
 * callback policy refuses (a loopback or metadata address, …), is INVALID_REQUEST.
 */
export function callbackUrlOf(req: IncomingMessage, policy: CallbackPolicy): string | undefined {
  const raw = req.headers[HEADERS.callbackUrl.toLowerCase()];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  let url: URL | undefined;
  try {
    url = new URL(value ?? '');
  } catch {
    // falls through to the error below
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:')) {
    const refused = policy.refuseHost(url.hostname);
    if (refused) throw new FaasError('INVALID_REQUEST', `Invalid ${HEADERS.callbackUrl}: ${refused}`);
    return url.toString();
  }
  throw new FaasError(
    'INVALID_REQUEST',
    `Invalid ${HEADERS.callbackUrl}: "${value}" is not an absolute http(s) URL.`,
  );
}

/** The caller's `X-Call-Id` when usable, else a new UUID. */
export function callIdOf(req: IncomingMessage): string {
  const given = req.headers[HEADERS.callId.toLowerCase()];
  return typeof given === 'string' && CALL_ID.test(given) ? given : randomUUID();
}

/** Every request header (lower-case, every value, in order) minus hop-by-hop ones and credentials. */
export function storedHeaders(req: IncomingMessage): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  const kept = endToEnd(req.rawHeaders, NOT_STORED);
  for (let i = 0; i < kept.length; i += 2)
    (headers[(kept[i] as string).toLowerCase()] ??= []).push(kept[i + 1] as string);
  return headers;
}

/** The queue record of one accepted call. */
export function queueRequest(
  req: IncomingMessage,
  target: AsyncTarget,
  callId: string,
  body: Buffer,
  callbackUrl: string | undefined,
): QueueRequest {
  return {
    callId,
    function: target.name,
    namespace: target.namespace,
    method: req.method ?? 'POST',
    path: target.path,
    query: target.query,
    headers: storedHeaders(req),
    body: body.toString('base64'),
    ...(callbackUrl ? { callbackUrl } : {}),
    enqueuedAt: new Date().toISOString(),
  };
}
