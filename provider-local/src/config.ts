import { loadConfig, parse } from '@faas/service-kit';
import type { ConfigOf } from '@faas/service-kit';

/**
 * Every environment variable the local provider reads. The README's configuration table is
 * generated from it (`describeConfig(localProviderSettings)`), and a test checks they agree.
 */
export const localProviderSettings = {
  port: {
    env: 'port',
    description: 'Port of the provider API.',
    parse: parse.integer(0, 65535),
    default: 8081,
  },
  bindAddress: {
    env: 'bind_address',
    description: 'Address to listen on; loopback by default, so only this host can reach it.',
    parse: parse.string,
    default: '127.0.0.1',
  },
  dataDir: {
    env: 'data_dir',
    description: 'Where functions, secrets and the generated password are kept (created with 0700).',
    parse: parse.string,
    default: './.faas/local',
  },
  basicAuth: {
    env: 'basic_auth',
    description: 'Require basic auth on `/system/*`.',
    parse: parse.boolean,
    default: true,
  },
  secretMountPath: {
    env: 'secret_mount_path',
    description:
      'Directory with `basic-auth-user` and `basic-auth-password` files; when unset, a password is generated on first start and stored in `<data_dir>/basic-auth-password` (0600).',
    parse: parse.string,
    default: '',
  },
  watchdogPath: {
    env: 'watchdog_path',
    description: 'The watchdog JS entry to run per replica; default the bundled `@faas/watchdog`.',
    parse: parse.string,
    default: '',
    defaultText: 'bundled',
  },
  logBufferLines: {
    env: 'log_buffer_lines',
    description: 'Log lines kept in memory per function for `/system/logs`.',
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
  invokeTimeout: {
    env: 'invoke_timeout',
    description:
      'The provider answers 504 when a function has not answered by then; `0` = never (the watchdog has its own timeouts).',
    parse: parse.duration,
    default: 0,
    defaultText: '0',
  },
  gitSha: {
    env: 'FAAS_GIT_SHA',
    description: 'The commit reported as `version.sha` by `/system/info`.',
    parse: parse.string,
    default: 'dev',
  },
  logLevel: {
    env: 'log_level',
    description: 'debug, info, warn or error.',
    parse: parse.oneOf(['debug', 'info', 'warn', 'error'] as const),
    default: 'info' as const,
  },
};

/** The local provider's frozen configuration; durations in milliseconds. */
export type LocalProviderConfig = ConfigOf<typeof localProviderSettings>;

/** Reads the configuration from an environment map; every bad value is reported at once. */
export function loadLocalProviderConfig(env: Record<string, string | undefined>): LocalProviderConfig {
  return loadConfig(localProviderSettings, env);
}
