import { readFileSync } from 'node:fs';
import { ConfigError, describeConfig, loadConfig } from '@faas/service-kit';
import { natsUrl, queueSettings } from './config.js';

describe('queue settings', () => {
  it('default to the embedded queue and the OpenFaaS channel name', () => {
    const { callbackPolicy, ...rest } = loadConfig(queueSettings, {});
    expect(callbackPolicy.setting).toBe('*');
    expect(rest).toEqual({
      backend: 'embedded',
      dataDir: '.faas/queue',
      maxBytes: 256 * 1024 ** 2,
      natsAddress: '127.0.0.1',
      natsPort: 4222,
      queueName: 'faas-request',
      publishTimeout: 5_000,
    });
  });

  it('refuse a callback_allowed_hosts entry that is no host, address or CIDR, with the fix', () => {
    expect(() => loadConfig(queueSettings, { callback_allowed_hosts: '*,10.0.0.0/99' })).toThrow(
      'callback_allowed_hosts: "10.0.0.0/99" is not a host name, IP address or CIDR, use e.g. *,receiver.internal,10.0.0.0/8',
    );
  });

  it('report every bad value at once', () => {
    expect(() => loadConfig(queueSettings, { queue_backend: 'kafka', faas_nats_channel: 'a.b' })).toThrow(
      ConfigError,
    );
  });

  it.each([
    [{ natsAddress: 'nats', natsPort: 4222 }, 'nats://nats:4222'],
    [{ natsAddress: 'nats://10.0.0.1:5222', natsPort: 4222 }, 'nats://10.0.0.1:5222'],
  ])('build the NATS URL from %j', (config, url) => {
    expect(natsUrl(config)).toBe(url);
  });

  it('are documented in the README exactly as the table says', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(describeConfig(queueSettings));
  });
});
