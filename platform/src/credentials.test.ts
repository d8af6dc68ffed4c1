import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCredentials } from './credentials.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'platform-creds-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ensureCredentials', () => {
  it('generates user admin and a 0600 password once, in <state>/secrets', async () => {
    const first = await ensureCredentials(undefined, join(dir, 'state'));
    expect(first).toEqual({
      dir: join(dir, 'state', 'secrets'),
      user: 'admin',
      passwordFile: join(dir, 'state', 'secrets', 'basic-auth-password'),
      generated: true,
    });
    const password = readFileSync(first.passwordFile, 'utf8').trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(statSync(first.passwordFile).mode & 0o777).toBe(0o600);
    expect(statSync(first.dir).mode & 0o777).toBe(0o700);
    const second = await ensureCredentials(undefined, join(dir, 'state'));
    expect(second.generated).toBe(false);
    expect(readFileSync(second.passwordFile, 'utf8').trim()).toBe(password);
  });

  it('uses the files in secret_mount_path as they are', async () => {
    const secrets = join(dir, 'mounted');
    mkdirSync(secrets);
    writeFileSync(join(secrets, 'basic-auth-user'), ' ops \n');
    writeFileSync(join(secrets, 'basic-auth-password'), 'pw\n');
    expect(await ensureCredentials(secrets, join(dir, 'state'))).toEqual({
      dir: secrets,
      user: 'ops',
      passwordFile: join(secrets, 'basic-auth-password'),
      generated: false,
    });
  });

  it.each([
    ['no files', {}],
    ['an empty password', { 'basic-auth-user': 'ops', 'basic-auth-password': '  \n' }],
    ['no user', { 'basic-auth-password': 'pw' }],
  ])('refuses a secret_mount_path with %s, naming the directory', async (_what, files) => {
    const secrets = join(dir, 'mounted');
    mkdirSync(secrets);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(secrets, name), text);
    await expect(ensureCredentials(secrets, join(dir, 'state'))).rejects.toThrow(
      `secret_mount_path: ${secrets} must hold non-empty basic-auth-user and basic-auth-password files`,
    );
  });
});
