import type { Server, ServerWebSocket, WebSocketHandler } from 'bun';
import type { Logger } from '@faas/service-kit';
import type { WatchdogConfig } from '../config.js';
import { isHopByHop } from '../hop-by-hop.js';
import { answers } from '../core/answers.js';
import { upgradeRefusal } from '../core/decide.js';
import { toResponse } from './runner.js';

/** One relayed WebSocket: the function's end, and the lifetime timer. */
export interface BunRelay {
  upstream: WebSocket;
  timer?: ReturnType<typeof setTimeout>;
  /** Restarted by every message either way. */
  idle?: ReturnType<typeof setTimeout>;
}

/** Headers a WebSocket client sets itself, which the relay must not repeat. */
const HANDSHAKE = new Set(['sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'host']);

/** True when `req` asks for a WebSocket (the only upgrade Bun's server can take over). */
export function wantsWebSocket(req: Request): boolean {
  return (req.headers.get('upgrade') ?? '').toLowerCase() === 'websocket';
}

/** Close codes a peer may send on (1005/1006/1015 are reserved for reporting). */
function sendableCode(code: number): number {
  return code === 1000 ||
    (code >= 3000 && code <= 4999) ||
    (code > 1000 && code < 1015 && ![1004, 1005, 1006].includes(code))
    ? code
    : 1000;
}

/**
 * WebSockets on the Bun runtime (http mode). Bun's server hands out messages, not the socket, so
 * the relay is per message: the handshake is first made with the function (`upstream_url`), and
 * only once it accepts is the client's upgraded, with the sub-protocol it chose; then messages pass
 * both ways until either side closes, `websocket_idle_timeout` (no message either way) or
 * `websocket_max_duration`. The Node runtime relays bytes instead (upgrade.ts); both
 * answer a refused or failed handshake the same way (501, 503, 502).
 */
export function bunUpgrade(
  config: WatchdogConfig,
  logger: Logger,
  ready: () => boolean,
): {
  handle(req: Request, server: Server<BunRelay>): Promise<Response | undefined>;
  websocket: WebSocketHandler<BunRelay>;
} {
  const origin = config.mode === 'http' ? new URL(config.upstreamUrl) : undefined;
  const idle = config.websocketIdleTimeout;
  return {
    async handle(req, server) {
      const refused = upgradeRefusal(config, ready());
      if (refused || origin === undefined) return toResponse(refused ?? answers.upgradeNeedsHttp(config.mode)).response;
      const url = new URL(req.url);
      const target = `ws://${origin.host}${url.pathname}${url.search}`;
      const headers: Record<string, string> = {};
      req.headers.forEach((value, name) => {
        if (!isHopByHop(name) && !HANDSHAKE.has(name) && name !== 'sec-websocket-protocol')
          headers[name] = value;
      });
      const protocols = (req.headers.get('sec-websocket-protocol') ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
      const upstream = new WebSocket(target, { headers, protocols } as unknown as string[]);
      upstream.binaryType = 'arraybuffer';
      const opened = await new Promise<boolean>((resolve) => {
        upstream.addEventListener('open', () => resolve(true), { once: true });
        upstream.addEventListener('error', () => resolve(false), { once: true });
        upstream.addEventListener('close', () => resolve(false), { once: true });
      });
      if (!opened) return toResponse(answers.handshakeRefused()).response;
      const chosen = upstream.protocol;
      const upgraded = server.upgrade(req, {
        data: { upstream },
        headers: chosen ? { 'Sec-WebSocket-Protocol': chosen } : undefined,
      });
      if (upgraded) return undefined;
      upstream.close();
      return toResponse(answers.badHandshake()).response;
    },
    websocket: {
      // Bun's own idle timer counts whole seconds and pings, so a responsive client would never be
      // idle: the relay keeps its own, restarted by every message either way.
      idleTimeout: 0,
      open(ws: ServerWebSocket<BunRelay>) {
        const { upstream } = ws.data;
        if (idle > 0) {
          ws.data.idle = setTimeout(() => {
            logger.info('Closed an upgraded connection: idle.');
            ws.close(1001, 'websocket_idle_timeout reached');
          }, idle);
        }
        upstream.addEventListener('message', (ev: MessageEvent) => {
          ws.data.idle?.refresh();
          ws.send(ev.data as string | ArrayBuffer);
        });
        upstream.addEventListener('close', (ev: CloseEvent) => ws.close(sendableCode(ev.code), ev.reason));
        if (config.websocketMaxDuration > 0) {
          ws.data.timer = setTimeout(() => {
            logger.info('Closed an upgraded connection: max-duration.');
            ws.close(1001, 'websocket_max_duration reached');
          }, config.websocketMaxDuration);
        }
      },
      message(ws: ServerWebSocket<BunRelay>, message: string | Buffer) {
        ws.data.idle?.refresh();
        ws.data.upstream.send(message);
      },
      close(ws: ServerWebSocket<BunRelay>, code: number, reason: string) {
        clearTimeout(ws.data.timer);
        clearTimeout(ws.data.idle);
        const { upstream } = ws.data;
        if (upstream.readyState === WebSocket.OPEN || upstream.readyState === WebSocket.CONNECTING)
          upstream.close(sendableCode(code), reason);
      },
    },
  };
}
