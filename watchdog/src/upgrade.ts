import { STATUS_CODES } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isUpgrade, tunnelUpgrade } from '@faas/service-kit';
import type { Logger } from '@faas/service-kit';
import type { WatchdogConfig } from './config.js';
import type { Answer } from './core/answers.js';
import { answers } from './core/answers.js';
import { upgradeRefusal } from './core/decide.js';

/** The socket answer to an upgrade the watchdog will not pass on. */
function refuse(socket: Duplex, { status, headers, body }: Answer): void {
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  socket.end(`${head}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
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
    const refused = upgradeRefusal(config, ready());
    if (refused) return refuse(socket, refused);
    if (target === undefined || !isUpgrade(req)) return refuse(socket, answers.upgradeNeedsHttp(config.mode));
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
