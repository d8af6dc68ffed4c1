import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { endToEnd } from './http/hop-by-hop.js';

/** How long an upgraded connection may live. */
export interface TunnelLimits {
  /** Close after this long without a byte either way; 0: never. */
  idleMs: number;
  /** Close after this long in all; 0: never. */
  maxMs: number;
}

/** Where an upgrade goes, and what it carries there. */
export interface TunnelTarget {
  hostname: string;
  port: number;
  /** Path and query asked of the upstream. */
  path: string;
  /** End-to-end request headers as a flat `[name, value, …]` list; hop-by-hop ones are dropped. */
  headers: string[];
}

/** Why a tunnel ended. */
export type TunnelEnd = 'closed' | 'idle' | 'max-duration' | 'unreachable';

/** True when `req` asks to switch protocols (`Connection: Upgrade` + `Upgrade: …`). */
export function isUpgrade(req: IncomingMessage): boolean {
  return req.headers.upgrade !== undefined && /\bupgrade\b/i.test(req.headers.connection ?? '');
}

/**
 * Passes an `Upgrade` request (a WebSocket handshake) on to `target` and then relays raw bytes both
 * ways until either side closes or a limit is hit: the upstream's own answer (101, or any refusal)
 * reaches the client unchanged, so the protocol is negotiated end to end. Node's server hands the
 * socket over on its `upgrade` event; every hop (watchdog, provider, gateway) uses this one relay.
 * `onEnd` is called once, when both sockets are gone.
 */
export function tunnelUpgrade(
  req: IncomingMessage,
  client: Duplex,
  head: Buffer,
  target: TunnelTarget,
  limits: TunnelLimits,
  onEnd: (why: TunnelEnd) => void = () => {},
): void {
  let ended = false;
  const upstream = connect({ host: target.hostname, port: target.port });
  const end = (reason: TunnelEnd): void => {
    if (ended) return;
    ended = true;
    clearTimeout(maxTimer);
    client.destroy();
    upstream.destroy();
    onEnd(reason);
  };
  const maxTimer = limits.maxMs > 0 ? setTimeout(() => end('max-duration'), limits.maxMs) : undefined;
  maxTimer?.unref();
  if (limits.idleMs > 0) {
    // Bytes either way pass through the client socket, so its idle timer covers both directions.
    (client as Duplex & { setTimeout?: (ms: number, cb: () => void) => void }).setTimeout?.(
      limits.idleMs,
      () => end('idle'),
    );
  }
  let connected = false;
  let unreachable = false;
  upstream.once('connect', () => {
    connected = true;
    upstream.setNoDelay(true);
    const lines = [`${req.method ?? 'GET'} ${target.path} HTTP/1.1`];
    const h = endToEnd(target.headers);
    for (let i = 0; i < h.length; i += 2) lines.push(`${h[i]}: ${h[i + 1]}`);
    lines.push('Connection: Upgrade', `Upgrade: ${req.headers.upgrade ?? ''}`, '', '');
    upstream.write(lines.join('\r\n'));
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.once('error', () => {
    if (connected) return end('closed');
    // Nothing was sent yet: answer the handshake, then let the client's socket close by itself.
    const text = 'The function is unreachable.\n';
    client.end(
      `HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\nConnection: close\r\n\r\n${text}`,
    );
    unreachable = true;
  });
  client.once('error', () => end('closed'));
  upstream.once('close', () => {
    if (connected) end('closed');
  });
  client.once('close', () => end(unreachable ? 'unreachable' : 'closed'));
}
