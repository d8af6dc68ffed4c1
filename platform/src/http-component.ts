import type { Server } from 'node:http';
import { closeGracefully, listenHttp } from '@faas/service-kit';
import type { HttpServing } from '@faas/service-kit';
import type { PlatformComponent } from './component.js';

/** What an HTTP component serves and releases. */
export interface HttpComponentOptions extends HttpServing {
  name: string;
  /** Runs once listening (background work). */
  onListening?(): void;
  /** Releases what the app holds, after the server closed. */
  release?(): Promise<void> | void;
}

/** A component that is an HTTP server (service-kit's listenHttp, as every daemon's). */
export function httpComponent(options: HttpComponentOptions): PlatformComponent {
  let server: Server | undefined;
  return {
    name: options.name,
    async start() {
      const listening = await listenHttp(options);
      server = listening.server;
      options.onListening?.();
      return listening.url;
    },
    async stop(deadlineMs) {
      if (server) await closeGracefully(server, deadlineMs);
      await options.release?.();
    },
  };
}
