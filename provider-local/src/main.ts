// The local provider process: config from the environment, listen, stop every replica on SIGTERM.
import { loadOrExit, serveProvider } from '@faas/provider-http';
import { createLogger } from '@faas/service-kit';
import { loadLocalProviderConfig } from './config.js';
import { createLocalProvider } from './create-local-provider.js';

async function main(): Promise<void> {
  const config = loadOrExit('provider-local', () => loadLocalProviderConfig(process.env));
  const logger = createLogger({ name: 'provider-local', level: config.logLevel });
  const provider = await createLocalProvider(config, { logger });
  await serveProvider({
    name: 'faas local provider',
    handler: provider.app,
    port: config.port,
    host: config.bindAddress,
    logger,
    fields: {
      orchestration: 'local',
      dataDir: provider.dataDir,
      auth: provider.credentials
        ? `user ${provider.credentials.user}, password in ${provider.credentials.passwordFile}`
        : 'off',
    },
    release: () => provider.close(),
  });
}

main().catch((err: unknown) => {
  console.error(`provider-local: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
