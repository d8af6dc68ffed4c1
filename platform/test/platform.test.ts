// The launcher in-process: both servers up on port 0, one set of credentials, clean stop.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, MemoryLogger } from '@faas/service-kit';
import { banner } from '../src/banner.js';
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

  /** An IPv4 address of this machine that is not loopback, if it has one. */
  const otherAddress = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  /** Whether the gateway's port answers on `address`. */
  const answersOn = (address: string, url: string) =>
    fetch(`http://${address}:${new URL(url).port}/healthz`).then(
      () => true,
      () => false,
    );

  it('listens on 127.0.0.1 only by default, and its banner says so', async () => {
    const platform = await startPlatform(
      { port: '0', provider_port: '0', faas_state_dir: dir },
      () => new MemoryLogger(),
    );
    try {
      expect(platform.gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(platform.bindAddress).toBe('127.0.0.1');
      expect(await answersOn('127.0.0.1', platform.gatewayUrl)).toBe(true);
      if (otherAddress) expect(await answersOn(otherAddress, platform.gatewayUrl)).toBe(false);
      expect(banner(platform)).toContain(
        '  listens:  127.0.0.1 only: this machine (bind_address=0.0.0.0 for other machines; docs/security.md)',
      );
    } finally {
      await platform.stop(2_000);
    }
  });

  it('listens on every interface with bind_address=0.0.0.0, and its banner says so', async () => {
    const platform = await startPlatform(
      { port: '0', provider_port: '0', faas_state_dir: dir, bind_address: '0.0.0.0' },
      () => new MemoryLogger(),
    );
    try {
      expect(platform.gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await answersOn('127.0.0.1', platform.gatewayUrl)).toBe(true);
      if (otherAddress) expect(await answersOn(otherAddress, platform.gatewayUrl)).toBe(true);
      expect(banner(platform)).toContain(
        `  listens:  every IPv4 interface (bind_address=0.0.0.0), port ${new URL(platform.gatewayUrl).port}: other machines can reach it`,
      );
      // The provider stays on loopback whatever the gateway does.
      if (otherAddress) expect(await answersOn(otherAddress, platform.providerUrl)).toBe(false);
    } finally {
      await platform.stop(2_000);
    }
  });

  it('refuses a bind_address that is not an address, before starting anything', async () => {
    await expect(
      startPlatform(
        { port: '0', provider_port: '0', faas_state_dir: dir, bind_address: 'everywhere' },
        () => new MemoryLogger(),
      ),
    ).rejects.toThrow(
      'bind_address: "everywhere" is not an IP address to listen on, use 127.0.0.1, 0.0.0.0 or ::',
    );
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
