// `npm start`: the gateway and the local provider as one platform, in one process.
import { ConfigError, createLogger } from '@faas/service-kit';
import { banner } from './banner.js';
import { startPlatform } from './platform.js';
import type { Platform } from './platform.js';

async function main(): Promise<void> {
  let platform: Platform;
  try {
    platform = await startPlatform(process.env, (name, level) => createLogger({ name, level }));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`faas: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  console.log(banner(platform));

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`faas: ${signal}, stopping (in-flight requests may finish)`);
    await platform.stop();
    console.log('faas: stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`faas: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
