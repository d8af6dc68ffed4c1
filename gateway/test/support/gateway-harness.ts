// Builds a real gateway (through its composition root) in front of a fake provider, listening on port 0.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryLogger } from '@faas/service-kit';
import { buildContainer } from '../../src/container.js';
import type { GatewayBindings } from '../../src/container.js';
import { loadGatewayConfig } from '../../src/config.js';
import { Gateway } from '../../src/gateway.js';
import { applyServerTimeouts } from '../../src/server.js';
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
  server: ReturnType<typeof createServer>;
  close(): Promise<void>;
}

/** Starts a gateway for `providerUrl` with env overrides. */
export async function startGateway(
  providerUrl: string,
  env: Record<string, string> = {},
  extra: Partial<GatewayBindings> = {},
): Promise<Harness> {
  const config = loadGatewayConfig({ functions_provider_url: providerUrl, ...env });
  const logger = new MemoryLogger();
  const gateway = buildContainer({
    config,
    logger,
    credentials: config.basicAuth ? ADMIN : null,
    version: { release: '0.1.0', sha: 'test' },
    ...extra,
  }).get(Gateway);
  const server = applyServerTimeouts(createServer(gateway.app.handler), config);
  server.on('upgrade', gateway.upgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    gateway,
    logger,
    server,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      gateway.stop();
    },
  };
}
