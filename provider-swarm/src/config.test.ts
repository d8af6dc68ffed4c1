import { readFileSync } from 'node:fs';
import { ConfigError, describeConfig } from '@faas/service-kit';
import { dockerOptions, loadSwarmProviderConfig, swarmProviderSettings } from './config.js';

describe('loadSwarmProviderConfig', () => {
  it('has working defaults', () => {
    expect(loadSwarmProviderConfig({})).toEqual({
      port: 8080,
      bindAddress: '0.0.0.0',
      basicAuth: true,
      secretMountPath: '/run/secrets',
      dockerHost: 'unix:///var/run/docker.sock',
      functionNetwork: '',
      replicaResolver: 'api',
      resolverCacheTtl: 1000,
      readinessProbeTimeout: 250,
      functionHealthInterval: 0,
      invokeTimeout: 0,
      logLevel: 'info',
    });
  });

  it('reports every bad value at once, each with its fix', () => {
    let error: unknown;
    try {
      loadSwarmProviderConfig({ port: 'eighty', replica_resolver: 'vip', resolver_cache_ttl: 'soon' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'port: "eighty" is not a whole number between 0 and 65535',
      'replica_resolver: "vip" is not one of api, dns',
      expect.stringMatching(/^resolver_cache_ttl: .*soon/),
    ]);
  });

  it('reads durations and the DNS resolver', () => {
    expect(
      loadSwarmProviderConfig({
        replica_resolver: 'dns',
        resolver_cache_ttl: '250ms',
        function_health_interval: '1s',
        readiness_probe_timeout: '0',
      }),
    ).toMatchObject({
      replicaResolver: 'dns',
      resolverCacheTtl: 250,
      functionHealthInterval: 1000,
      readinessProbeTimeout: 0,
    });
  });
});

describe('dockerOptions', () => {
  it.each([
    ['unix:///var/run/docker.sock', { socketPath: '/var/run/docker.sock' }],
    ['tcp://10.0.0.5:2375', { host: '10.0.0.5', port: 2375, protocol: 'http' }],
    ['tcp://manager', { host: 'manager', port: 2375, protocol: 'http' }],
  ])('connects to %s', (host, options) => {
    expect(dockerOptions(host)).toEqual(options);
  });
});

describe('the README', () => {
  it('documents exactly the settings of the config table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const table = /<!-- config-table[^>]*-->\n([\s\S]*?)\n<!-- \/config-table -->/.exec(readme)?.[1];
    expect(table).toBe(describeConfig(swarmProviderSettings));
  });
});
