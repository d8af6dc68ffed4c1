import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basicAuthorization, createBasicAuthCheck, readCredentials } from './basic-auth.js';

const check = createBasicAuthCheck({ user: 'admin', password: 's3cret:with:colons' });
const basic = (text: string): string => `Basic ${Buffer.from(text).toString('base64')}`;

describe('createBasicAuthCheck', () => {
  it.each([
    ['the right user and password', basic('admin:s3cret:with:colons'), true],
    ['a lower-case scheme', `basic ${Buffer.from('admin:s3cret:with:colons').toString('base64')}`, true],
    ['a wrong password', basic('admin:nope'), false],
    ['a wrong user', basic('root:s3cret:with:colons'), false],
    ['a password that is a prefix of the right one', basic('admin:s3cret'), false],
    ['no colon', basic('admin'), false],
    ['another scheme', 'Bearer abc', false],
    ['no header', undefined, false],
  ])('accepts %s: %s', (_what, header, expected) => {
    expect(check(header)).toBe(expected);
  });

  it('accepts the header basicAuthorization builds, and only for the same credentials', () => {
    expect(basicAuthorization({ user: 'admin', password: 'pw' })).toBe(basic('admin:pw'));
    expect(check(basicAuthorization({ user: 'admin', password: 's3cret:with:colons' }))).toBe(true);
    expect(check(basicAuthorization({ user: 'admin', password: 's3cret:with:colon' }))).toBe(false);
  });
});

describe('readCredentials', () => {
  const root = mkdtempSync(join(tmpdir(), 'service-kit-credentials-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dir = (files: Record<string, string>): string => {
    const path = mkdtempSync(join(root, 'secrets-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
    return path;
  };

  it('reads both files, trimmed', async () => {
    const secrets = dir({ 'basic-auth-user': ' admin\n', 'basic-auth-password': 'pw-123\n' });
    await expect(readCredentials(secrets)).resolves.toEqual({ user: 'admin', password: 'pw-123' });
  });

  it.each([
    ['a missing file', { 'basic-auth-user': 'admin' }, 'basic-auth-password cannot be read (ENOENT)'],
    ['an empty file', { 'basic-auth-user': ' \n', 'basic-auth-password': 'pw' }, 'basic-auth-user is empty'],
  ])('names the file, never a value, for %s', async (_what, files, message) => {
    const secrets = dir(files);
    const err = (await readCredentials(secrets).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain(`basic auth is on but ${secrets}/`);
    expect(err.message).toContain(message);
    expect(err.message).not.toContain('admin');
  });

  it('says why a directory cannot be read', async () => {
    const secrets = join(root, 'not-a-dir');
    mkdirSync(join(secrets, 'basic-auth-user'), { recursive: true });
    await expect(readCredentials(secrets)).rejects.toThrow(
      `${secrets}/basic-auth-user cannot be read (EISDIR)`,
    );
  });
});
