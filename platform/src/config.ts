// The launcher's own settings. Everything else is the gateway's and the local provider's
// configuration, read from the same environment (see README).
import { loadConfig, parse } from '@faas/service-kit';
import type { ConfigOf, ConfigTable } from '@faas/service-kit';

/** Settings only `npm start` reads. */
export const platformConfigTable = {
  providerPort: {
    env: 'provider_port',
    description: 'Port of the embedded local provider on 127.0.0.1 (the gateway talks to it there).',
    parse: parse.integer(0, 65535),
    default: 8081,
  },
  stateDir: {
    env: 'faas_state_dir',
    description:
      "Where the platform keeps its state: generated credentials in `<dir>/secrets`, the local provider's data in `<dir>/local` (unless `data_dir` is set).",
    parse: parse.string,
    default: './.faas',
  },
} satisfies ConfigTable;

/** The launcher's parsed settings. */
export type PlatformConfig = ConfigOf<typeof platformConfigTable>;

/** Reads the launcher's settings; every bad value is reported at once. */
export function loadPlatformConfig(env: Record<string, string | undefined>): PlatformConfig {
  return loadConfig(platformConfigTable, env);
}
