// The local provider process: config from the environment, listen, stop every replica on SIGTERM.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, closeGracefully, createLogger } from '@faas/service-kit';
import { loadLocalProviderConfig } from './config.js';
import type { LocalProviderConfig } from './config.js';
import { createLocalProvider } from './create-local-provider.js';

async function main(): Promise<void> {
  let config: LocalProviderConfig;
  try {
    config = loadLocalProviderConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`provider-local: ${err.message}`);
    process.exit(2);
  }
  const logger = createLogger({ name: 'provider-local', level: config.logLevel });
  const provider = await createLocalProvider(config, { logger });
  const server = createServer(provider.app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.bindAddress, resolve);
  });
  const { port } = server.address() as AddressInfo;
  logger.info('faas local provider listening', {
    url: `http://${config.bindAddress}:${port}`,
    orchestration: 'local',
    dataDir: provider.dataDir,
    auth: provider.credentials
      ? `user ${provider.credentials.user}, password in ${provider.credentials.passwordFile}`
      : 'off',
  });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    await closeGracefully(server, 10_000);
    await provider.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`provider-local: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
