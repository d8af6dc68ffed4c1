import type { Server } from 'node:http';
import type { GatewayConfig } from './config.js';

/**
 * `read_timeout` bounds receiving a whole request (Node's requestTimeout); headers must arrive
 * within the same time. Write and upstream timeouts are enforced per exchange by the proxy.
 */
export function applyServerTimeouts(server: Server, config: GatewayConfig): Server {
  server.requestTimeout = config.readTimeoutMs;
  server.headersTimeout = Math.min(config.readTimeoutMs, 60_000);
  server.keepAliveTimeout = 65_000;
  return server;
}
