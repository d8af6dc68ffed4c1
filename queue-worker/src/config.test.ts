import { readFileSync } from 'node:fs';
import { ConfigError, describeConfig } from '@faas/service-kit';
import { gatewayUrl, loadWorkerConfig, workerSettings } from './config.js';

describe('loadWorkerConfig', () => {
  it('has defaults for everything', () => {
    expect(loadWorkerConfig({})).toMatchObject({
      backend: 'embedded',
      queueName: 'faas-request',
      concurrency: 10,
      ackWait: 30_000,
      attempts: 5,
      retryCodes: [429, 502, 503, 504],
      minWait: 1_000,
      maxWait: 60_000,
    });
  });

  it('reports every bad value at once', () => {
    let error: unknown;
    try {
      loadWorkerConfig({
        max_inflight: '0',
        ack_wait: 'soon',
        retry_http_codes: '503,x',
        faas_nats_channel: 'a.b',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^faas_nats_channel: /),
      expect.stringMatching(/^max_inflight: /),
      expect.stringMatching(/^ack_wait: /),
      expect.stringMatching(/^retry_http_codes: /),
    ]);
  });

  it.each([
    [{}, 'http://127.0.0.1:8080'],
    [{ faas_gateway_address: 'gateway', faas_gateway_port: '9000' }, 'http://gateway:9000'],
    [{ faas_gateway_address: 'https://gw.example/' }, 'https://gw.example'],
  ])('builds the gateway URL from %j', (env, url) => {
    expect(gatewayUrl(loadWorkerConfig(env))).toBe(url);
  });

  it('is documented in the README exactly as the table says', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(describeConfig(workerSettings));
  });
});
