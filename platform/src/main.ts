// `npm start`: the gateway and the local provider as one platform, in one process.
import { relative } from 'node:path';
import { ConfigError, createLogger } from '@faas/service-kit';
import { startPlatform } from './platform.js';
import type { Platform } from './platform.js';

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

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
  const { gatewayUrl, credentials } = platform;
  const url = gatewayUrl.replace('://0.0.0.0', '://127.0.0.1').replace('://[::]', '://127.0.0.1');
  const lines = [
    '',
    `faas is running: gateway ${url} (local provider on ${platform.providerUrl})`,
    credentials
      ? `  user:     ${credentials.user}\n  password: cat ${shown(credentials.passwordFile)}${credentials.generated ? '   (generated now)' : ''}`
      : '  basic auth is off (basic_auth=false)',
    `  try:      curl ${url}/healthz`,
    '  stop:     Ctrl-C (SIGINT) or SIGTERM',
    '',
  ];
  console.log(lines.join('\n'));

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
