// Builds a real gateway (createGateway, as main.ts does) in front of a fake provider, listening on port 0.
import type { Server } from 'node:http';
import { listenHttp, MemoryLogger } from '@faas/service-kit';
import { createGateway } from '../../src/container.js';
import type { GatewayDeps } from '../../src/container.js';
import { loadGatewayConfig } from '../../src/config.js';
import type { Gateway } from '../../src/gateway.js';
import { basicAuthorization } from '../../src/auth/credentials.js';
import type { Credentials } from '../../src/auth/credentials.js';

/** The credentials the tests use. */
export const ADMIN: Credentials = { user: 'admin', password: 's3cret-pw' };
/** The matching header. */
export const ADMIN_AUTH = basicAuthorization(ADMIN);

/** A running gateway. */
export interface Harness {
  gateway: Gateway;
  url: string;
  logger: MemoryLogger;
  server: Server;
  close(): Promise<void>;
}

/** Starts a gateway for `providerUrl` with env overrides. */
export async function startGateway(
  providerUrl: string,
  env: Record<string, string> = {},
  extra: Partial<GatewayDeps> = {},
): Promise<Harness> {
  const config = loadGatewayConfig({ functions_provider_url: providerUrl, ...env });
  const logger = new MemoryLogger();
  const gateway = createGateway(config, {
    logger,
    credentials: config.basicAuth ? ADMIN : null,
    version: { release: '0.1.0', sha: 'test' },
    ...extra,
  });
  const { server, url } = await listenHttp({ ...gateway.http(), port: 0, host: '127.0.0.1' });
  return {
    gateway,
    logger,
    server,
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      gateway.stop();
    },
  };
}
