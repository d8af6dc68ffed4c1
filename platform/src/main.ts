// `npm start`: the gateway and the local provider as one platform, in one process.
import { createLogger, runService } from '@faas/service-kit';
import { banner } from './banner.js';
import { startPlatform } from './platform.js';

void runService({
  name: 'faas',
  // startPlatform reads the three tables together (every bad value at once); its ConfigError
  // exits 2 like a load's.
  load: (env) => env,
  // A person runs `npm start`: readable lines (`faas: stopped`) even when stdout is not a TTY.
  logger: () => createLogger({ name: 'faas', pretty: true }),
  build: async (env, logger) => {
    const platform = await startPlatform(env, (name, level) => createLogger({ name, level }));
    console.log(banner(platform));
    return { logger, release: () => platform.stop() };
  },
});
