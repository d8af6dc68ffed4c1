// Starts a local provider in-process on a free port with a temporary data directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@faas/service-kit';
import { loadLocalProviderConfig } from '../src/config.js';
import { createLocalProvider } from '../src/create-local-provider.js';
import type { LocalProvider } from '../src/create-local-provider.js';

/** A running local provider for a test. */
export interface StartedProvider {
  url: string;
  provider: LocalProvider;
  server: Server;
  logger: MemoryLogger;
  dataDir: string;
  auth: { user: string; password: string };
  /** Stops replicas and the server; keeps the data directory. */
  stop(): Promise<void>;
  /** stop(), then removes the data directory. */
  destroy(): Promise<void>;
}

/** A fresh temporary data directory. */
export function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'faas-local-'));
}

export async function startProvider(
  env: Record<string, string> = {},
  dataDir?: string,
): Promise<StartedProvider> {
  const dir = dataDir ?? (await tempDataDir());
  const logger = new MemoryLogger();
  const config = loadLocalProviderConfig({ data_dir: dir, port: '0', restart_backoff_max: '1s', ...env });
  const provider = await createLocalProvider(config, { logger });
  const server = createServer(provider.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stop = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await provider.close();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    provider,
    server,
    logger,
    dataDir: dir,
    auth: { user: provider.credentials?.user ?? '', password: provider.credentials?.password ?? '' },
    stop,
    async destroy() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
