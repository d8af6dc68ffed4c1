// Safe by default: loopback, basic auth, a generated password kept 0600 and never logged.
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLocalProviderConfig } from '../src/config.js';
import { startProvider, tempDataDir } from './start-provider.js';

describe('credentials', () => {
  it('generates a password on first start, stores it 0600, logs only where it is, and keeps it across restarts', async () => {
    const dataDir = await tempDataDir();
    const first = await startProvider({}, dataDir);
    const passwordFile = join(dataDir, 'basic-auth-password');
    const password = (await readFile(passwordFile, 'utf8')).trim();
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect((await stat(passwordFile)).mode & 0o777).toBe(0o600);
    expect(first.auth).toEqual({ user: 'admin', password });
    const logged = first.logger.text();
    expect(logged).toContain(passwordFile);
    expect(logged).not.toContain(password);
    expect((await fetch(`${first.url}/system/functions`)).status).toBe(401);
    await first.stop();
    const second = await startProvider({}, dataDir);
    expect(second.auth.password).toBe(password);
    expect(second.logger.text()).not.toContain('generated');
    await second.destroy();
  });

  it('uses basic-auth-user and basic-auth-password from secret_mount_path when set', async () => {
    const secrets = await mkdtemp(join(tmpdir(), 'faas-secrets-'));
    await writeFile(join(secrets, 'basic-auth-user'), 'ops\n');
    await writeFile(join(secrets, 'basic-auth-password'), 'from-file\n');
    const p = await startProvider({ secret_mount_path: secrets });
    try {
      expect(p.auth).toEqual({ user: 'ops', password: 'from-file' });
      const ok = await fetch(`${p.url}/system/functions`, {
        headers: { Authorization: `Basic ${Buffer.from('ops:from-file').toString('base64')}` },
      });
      expect(ok.status).toBe(200);
    } finally {
      await p.destroy();
    }
  });

  it('defaults to loopback, port 8081 and auth on', () => {
    expect(loadLocalProviderConfig({})).toMatchObject({
      bindAddress: '127.0.0.1',
      port: 8081,
      basicAuth: true,
      dataDir: './.faas/local',
    });
  });

  it('reports every bad setting at once', () => {
    expect(() =>
      loadLocalProviderConfig({ port: 'eighty', basic_auth: 'maybe', restart_backoff_max: 'soon' }),
    ).toThrow(/port: "eighty".*\n.*basic_auth: "maybe".*\n.*restart_backoff_max: "soon"/);
  });
});
