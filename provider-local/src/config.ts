import { providerSettings } from '@faas/provider-http';
import { loadConfig, parse } from '@faas/service-kit';
import type { ConfigOf } from '@faas/service-kit';

/**
 * Every environment variable the local provider reads. The README's configuration table is
 * generated from it (`describeConfig(localProviderSettings)`), and a test checks they agree.
 */
export const localProviderSettings = {
  ...providerSettings({
    port: 8081,
    bindAddress: '127.0.0.1',
    secretMountPath: '',
    describe: {
      bindAddress: 'Address to listen on; loopback by default, so only this host can reach it.',
      secretMountPath:
        'Directory with `basic-auth-user` and `basic-auth-password` files; when unset, a password is generated on first start and stored in `<data_dir>/basic-auth-password` (0600).',
    },
  }),
  dataDir: {
    env: 'data_dir',
    description: 'Where functions, secrets and the generated password are kept (created with 0700).',
    parse: parse.string,
    default: './.faas/local',
  },
  watchdogPath: {
    env: 'watchdog_path',
    description: 'The watchdog JS entry to run per replica; default the bundled `@faas/watchdog`.',
    parse: parse.string,
    default: '',
    defaultText: 'bundled',
  },
  watchdogRuntime: {
    env: 'watchdog_runtime',
    description:
      'What replicas run on: `bun` (the watchdog on Bun: ~30 MB per replica), `node` (~45 MB), or `auto`: Bun when npm installed it for this platform and no `watchdog_path` is set.',
    parse: parse.oneOf(['auto', 'bun', 'node'] as const),
    default: 'auto' as const,
  },
  logBufferLines: {
    env: 'log_buffer_lines',
    description:
      'Log lines kept per function for `/system/logs` (in memory, and on disk under `<data_dir>/logs`).',
    parse: parse.integer(10, 1_000_000),
    default: 2000,
  },
  restartBackoffMax: {
    env: 'restart_backoff_max',
    description: 'Longest wait before restarting a crashed replica (the wait doubles from 250ms).',
    parse: parse.duration,
    default: 10_000,
    defaultText: '10s',
  },
  gitSha: {
    env: 'FAAS_GIT_SHA',
    description: 'The commit reported as `version.sha` by `/system/info`.',
    parse: parse.string,
    default: 'dev',
  },
};

/** The local provider's frozen configuration; durations in milliseconds. */
export type LocalProviderConfig = ConfigOf<typeof localProviderSettings>;

/** Reads the configuration from an environment map; every bad value is reported at once. */
export function loadLocalProviderConfig(env: Record<string, string | undefined>): LocalProviderConfig {
  return loadConfig(localProviderSettings, env);
}
