import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import { closeGracefully } from '@faas/service-kit';
import type { PlatformComponent } from './component.js';

/** What an HTTP component serves and releases. */
export interface HttpComponentOptions {
  name: string;
  /** The request listener. */
  handler: RequestListener;
  port: number;
  /** Address to bind; undefined or empty = every interface. */
  host?: string;
  /** Adjusts the server before it listens (timeouts). */
  configure?(server: Server): void;
  /** Runs once listening (background work). */
  onListening?(): void;
  /** Releases what the app holds, after the server closed. */
  release?(): Promise<void> | void;
}

/** A component that is an HTTP server. */
export function httpComponent(options: HttpComponentOptions): PlatformComponent & { server: Server } {
  const server = createServer(options.handler);
  options.configure?.(server);
  return {
    name: options.name,
    server,
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host || undefined, () => {
          server.off('error', reject);
          options.onListening?.();
          const { port } = server.address() as AddressInfo;
          resolve(`http://${clientHost(options.host)}:${port}`);
        });
      }),
    async stop(deadlineMs) {
      await closeGracefully(server, deadlineMs);
      await options.release?.();
    },
  };
}

/** The host a client on this machine uses for a server bound to `host`. */
function clientHost(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return isIP(host) === 6 ? `[${host}]` : host;
}
