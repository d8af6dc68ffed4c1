import { readFileSync } from 'node:fs';
import { ConfigError, describeConfig } from '@faas/service-kit';
import { gatewayConfigTable, loadGatewayConfig } from './config.js';

describe('loadGatewayConfig', () => {
  it('has OpenFaaS defaults when nothing is set', () => {
    expect(loadGatewayConfig({})).toMatchObject({
      port: 8080,
      providerUrl: 'http://127.0.0.1:8081',
      readTimeoutMs: 60_000,
      writeTimeoutMs: 60_000,
      upstreamTimeoutMs: 55_000,
      directInvocation: true,
      basicAuth: true,
      secretMountPath: '/var/openfaas/secrets',
      prometheusHost: '',
      prometheusPort: 9090,
      functionNamespace: 'openfaas-fn',
      maxBodyBytes: 128 * 1024 * 1024,
      shutdownDeadlineMs: 30_000,
      serviceCountIntervalMs: 5_000,
      logLevel: 'info',
      backend: 'embedded',
      queueName: 'faas-request',
    });
  });

  it.each([
    ['read_timeout', '10', 'readTimeoutMs', 10_000],
    ['write_timeout', '1m30s', 'writeTimeoutMs', 90_000],
    ['upstream_timeout', '250ms', 'upstreamTimeoutMs', 250],
    ['basic_auth', 'false', 'basicAuth', false],
    ['max_body_size', '10MB', 'maxBodyBytes', 10_000_000],
    ['max_body_size', '0', 'maxBodyBytes', 0],
    ['functions_provider_url', 'http://provider:8080/', 'providerUrl', 'http://provider:8080'],
    ['faas_prometheus_host', 'prometheus', 'prometheusHost', 'prometheus'],
    ['function_namespace', 'team-a', 'functionNamespace', 'team-a'],
  ])('reads %s=%s', (env, raw, key, value) => {
    expect(loadGatewayConfig({ [env]: raw })[key as keyof ReturnType<typeof loadGatewayConfig>]).toEqual(
      value,
    );
  });

  it('reports every bad value at once, each with its fix', () => {
    let error: unknown;
    try {
      loadGatewayConfig({
        write_timeout: 'ten',
        port: '99999',
        functions_provider_url: 'ftp://x',
        basic_auth: 'maybe',
        max_body_size: 'lots',
        function_namespace: 'Not_Valid',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'port: "99999" is not a whole number between 0 and 65535',
      'functions_provider_url: "ftp://x" is not an http(s) URL, use e.g. http://127.0.0.1:8081',
      'write_timeout: "ten" is not a duration, use 10s or 10',
      'basic_auth: "maybe" is not a boolean, use true or false',
      'function_namespace: "Not_Valid" is not a DNS-1123 label, use e.g. openfaas-fn',
      'max_body_size: "lots" is not a byte size, use 10MB, 64Mi or 1048576',
    ]);
  });

  it('is documented in the README exactly as the table describes it', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(describeConfig(gatewayConfigTable));
  });
});
