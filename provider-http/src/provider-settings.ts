import { parse } from '@faas/service-kit';

/** The shared settings whose wording a provider may make more precise. */
export type ProviderSettingName = 'port' | 'bindAddress' | 'basicAuth' | 'secretMountPath' | 'invokeTimeout';

/** What differs between providers in the settings they share. */
export interface ProviderSettingDefaults {
  /** Default of `port`. */
  port: number;
  /** Default of `bind_address`. */
  bindAddress: string;
  /** Default of `secret_mount_path`; empty when the provider has another source. */
  secretMountPath: string;
  /** Descriptions that replace the shared ones (they become the README's wording). */
  describe?: Partial<Record<ProviderSettingName, string>>;
}

/**
 * The config-table rows every provider reads under the same names (`port`, `bind_address`,
 * `basic_auth`, `secret_mount_path`, `invoke_timeout`, `log_level`), for a provider to spread
 * into its own table: `{ ...providerSettings({ port: 8081, … }), dataDir: { … } }`.
 */
export function providerSettings(defaults: ProviderSettingDefaults) {
  const describe = defaults.describe ?? {};
  return {
    port: {
      env: 'port',
      description: describe.port ?? 'Port of the provider API.',
      parse: parse.integer(0, 65535),
      default: defaults.port,
    },
    bindAddress: {
      env: 'bind_address',
      description: describe.bindAddress ?? 'Address to listen on.',
      parse: parse.string,
      default: defaults.bindAddress,
    },
    basicAuth: {
      env: 'basic_auth',
      description: describe.basicAuth ?? 'Require basic auth on `/system/*`.',
      parse: parse.boolean,
      default: true,
    },
    secretMountPath: {
      env: 'secret_mount_path',
      description:
        describe.secretMountPath ?? 'Directory with the `basic-auth-user` and `basic-auth-password` files.',
      parse: parse.string,
      default: defaults.secretMountPath,
    },
    invokeTimeout: {
      env: 'invoke_timeout',
      description:
        describe.invokeTimeout ??
        'The provider answers 504 when a function has not answered by then; `0` = never (the watchdog has its own timeouts).',
      parse: parse.duration,
      default: 0,
      defaultText: '0',
    },
    logLevel: {
      env: 'log_level',
      description: 'debug, info, warn or error.',
      parse: parse.oneOf(['debug', 'info', 'warn', 'error'] as const),
      default: 'info' as const,
    },
  };
}
