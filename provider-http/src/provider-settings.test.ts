import { ConfigError, describeConfig, loadConfig, parse } from '@faas/service-kit';
import { providerSettings } from './provider-settings.js';

const table = {
  ...providerSettings({ port: 8081, bindAddress: '127.0.0.1', secretMountPath: '/run/secrets' }),
  dataDir: {
    env: 'data_dir',
    description: 'A setting of this provider only.',
    parse: parse.string,
    default: '/d',
  },
};

describe('providerSettings', () => {
  it('gives every provider the shared names, with its own defaults', () => {
    expect(loadConfig(table, {})).toEqual({
      port: 8081,
      bindAddress: '127.0.0.1',
      basicAuth: true,
      secretMountPath: '/run/secrets',
      invokeTimeout: 0,
      logLevel: 'info',
      dataDir: '/d',
    });
  });

  it('parses each shared variable', () => {
    const env = {
      port: '8080',
      bind_address: ' 0.0.0.0 ',
      basic_auth: 'false',
      secret_mount_path: '/var/openfaas/secrets',
      invoke_timeout: '30s',
      log_level: 'debug',
    };
    expect(loadConfig(table, env)).toMatchObject({
      port: 8080,
      bindAddress: '0.0.0.0',
      basicAuth: false,
      secretMountPath: '/var/openfaas/secrets',
      invokeTimeout: 30_000,
      logLevel: 'debug',
    });
  });

  it('reports every bad shared value at once', () => {
    const env = { port: '70000', basic_auth: 'maybe', invoke_timeout: 'ten', log_level: 'loud' };
    expect(() => loadConfig(table, env)).toThrow(ConfigError);
    try {
      loadConfig(table, env);
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.split(':')[0])).toEqual([
        'port',
        'basic_auth',
        'invoke_timeout',
        'log_level',
      ]);
    }
  });

  it('documents the shared rows first, with a provider’s own wording where it gives one', () => {
    const described = describeConfig(
      providerSettings({
        port: 8080,
        bindAddress: '0.0.0.0',
        secretMountPath: '',
        describe: { bindAddress: 'Address to listen on; mind the firewall.' },
      }),
    );
    expect(described.split('\n')).toEqual([
      '| variable | default | meaning |',
      '|---|---|---|',
      '| `port` | `8080` | Port of the provider API. |',
      '| `bind_address` | `0.0.0.0` | Address to listen on; mind the firewall. |',
      '| `basic_auth` | `true` | Require basic auth on `/system/*`. |',
      '| `secret_mount_path` | — | Directory with the `basic-auth-user` and `basic-auth-password` files. |',
      '| `invoke_timeout` | `0` | The provider answers 504 when a function has not answered by then; `0` = never (the watchdog has its own timeouts). |',
      '| `log_level` | `info` | debug, info, warn or error. |',
    ]);
  });
});
