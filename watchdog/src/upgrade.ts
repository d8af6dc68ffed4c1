import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isUpgrade, tunnelUpgrade } from '@faas/service-kit';
import type { Logger } from '@faas/service-kit';
import type { WatchdogConfig } from './config.js';

/** The socket answer to an upgrade the watchdog will not pass on. */
function refuse(socket: Duplex, status: string, text: string): void {
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

/**
 * The function endpoint's `upgrade` listener (Node runtime): in http mode a WebSocket handshake is
 * passed on to `upstream_url` and the connection relayed until `websocket_idle_timeout` or
 * `websocket_max_duration`; the forking and static modes have no process to talk to and answer 501.
 * `ready` says whether the function process is up (503 otherwise, as for any call).
 */
export function upgradeListener(
  config: WatchdogConfig,
  logger: Logger,
  ready: () => boolean,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const target = config.mode === 'http' ? new URL(config.upstreamUrl) : undefined;
  return (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (target === undefined || !isUpgrade(req)) {
      return refuse(
        socket,
        '501 Not Implemented',
        `Upgrades need mode=http (this watchdog runs ${config.mode}).\n`,
      );
    }
    if (!ready()) return refuse(socket, '503 Service Unavailable', 'Not ready.\n');
    tunnelUpgrade(
      req,
      socket,
      head,
      {
        hostname: target.hostname.replace(/^\[|\]$/g, ''),
        port: Number(target.port || 80),
        path: req.url ?? '/',
        headers: req.rawHeaders,
      },
      { idleMs: config.websocketIdleTimeout, maxMs: config.websocketMaxDuration },
      (why) => {
        if (why === 'idle' || why === 'max-duration') logger.info(`Closed an upgraded connection: ${why}.`);
      },
    );
  };
}
