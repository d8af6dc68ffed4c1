// The launcher in-process: both servers up on port 0, one set of credentials, clean stop.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, MemoryLogger } from '@faas/service-kit';
import { startPlatform } from '../src/platform.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'platform-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('startPlatform', () => {
  it('serves the gateway in front of the local provider with shared generated credentials', async () => {
    const logger = new MemoryLogger();
    const platform = await startPlatform(
      { port: '0', provider_port: '0', faas_state_dir: dir },
      () => logger,
    );
    try {
      expect(platform.providerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const creds = platform.credentials;
      expect(creds?.user).toBe('admin');
      expect(creds?.generated).toBe(true);
      const password = readFileSync(creds?.passwordFile ?? '', 'utf8').trim();
      const auth = { authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` };
      const info = await fetch(`${platform.gatewayUrl}/system/info`, { headers: auth });
      expect(info.status).toBe(200);
      expect(((await info.json()) as { provider: { orchestration: string } }).provider.orchestration).toBe(
        'local',
      );
      expect((await fetch(`${platform.providerUrl}/system/functions`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${platform.gatewayUrl}/system/functions`)).status).toBe(401);
      expect(logger.text()).not.toContain(password);
    } finally {
      await platform.stop(2_000);
    }
    await expect(fetch(`${platform.gatewayUrl}/healthz`)).rejects.toThrow();
    await expect(fetch(`${platform.providerUrl}/healthz`)).rejects.toThrow();
  });

  it('reports bad values of every component in one ConfigError before starting anything', async () => {
    let error: unknown;
    try {
      await startPlatform(
        {
          port: 'eighty',
          provider_port: '-1',
          write_timeout: 'ten',
          restart_backoff_max: 'soon',
          faas_state_dir: dir,
        },
        () => new MemoryLogger(),
      );
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'provider_port: "-1" is not a whole number between 0 and 65535',
      'port: "eighty" is not a whole number between 0 and 65535',
      'write_timeout: "ten" is not a duration, use 10s or 10',
      'restart_backoff_max: "soon" is not a duration, use 10s or 10',
    ]);
  });
});
