// The local provider process: config from the environment, listen, stop every replica on SIGTERM.
import { runService } from '@faas/service-kit';
import { loadLocalProviderConfig } from './config.js';
import { createLocalProvider } from './create-local-provider.js';

void runService({
  name: 'provider-local',
  load: loadLocalProviderConfig,
  build: async (config, logger) => {
    const provider = await createLocalProvider(config, { logger });
    return {
      logger,
      title: 'faas local provider',
      http: {
        handler: provider.app,
        upgrade: provider.app.upgrade,
        port: config.port,
        host: config.bindAddress,
      },
      fields: {
        orchestration: 'local',
        dataDir: provider.dataDir,
        auth: provider.credentials
          ? `user ${provider.credentials.user}, password in ${provider.credentials.passwordFile}`
          : 'off',
      },
      release: () => provider.close(),
    };
  },
});
