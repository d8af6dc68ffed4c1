import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BasicAuthCredentials } from '@faas/provider-http';
import type { Logger } from '@faas/service-kit';
import { writeFileAtomic } from './atomic-write.js';
import type { DataPaths } from './data-paths.js';

/** Where the credentials came from, for the startup line and for a launcher that needs them. */
export interface ResolvedCredentials extends BasicAuthCredentials {
  /** The file holding the user name. */
  userFile: string;
  /** The file holding the password (never logged, only this path is). */
  passwordFile: string;
  /** Whether the password was generated on this start. */
  generated: boolean;
}

async function readTrimmed(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * The basic-auth credentials: from `<secret_mount_path>/basic-auth-{user,password}` when
 * configured, else from the data directory, generating user `admin` and a random password (0600)
 * on first start. Logs only where the password is, never the password.
 */
export async function resolveCredentials(
  secretMountPath: string,
  paths: DataPaths,
  logger: Logger,
): Promise<ResolvedCredentials> {
  if (secretMountPath) {
    const userFile = join(secretMountPath, 'basic-auth-user');
    const passwordFile = join(secretMountPath, 'basic-auth-password');
    const user = await readTrimmed(userFile);
    const password = await readTrimmed(passwordFile);
    if (!user || !password) {
      throw new Error(`secret_mount_path: ${userFile} and ${passwordFile} must both exist and not be empty`);
    }
    return { user, password, userFile, passwordFile, generated: false };
  }
  await mkdir(paths.root, { recursive: true, mode: 0o700 });
  const userFile = paths.credentialFile('basic-auth-user');
  const passwordFile = paths.credentialFile('basic-auth-password');
  let user = await readTrimmed(userFile);
  let password = await readTrimmed(passwordFile);
  let generated = false;
  if (!user) {
    user = 'admin';
    await writeFileAtomic(userFile, `${user}\n`, 0o600);
  }
  if (!password) {
    password = randomBytes(24).toString('base64url');
    await writeFileAtomic(passwordFile, `${password}\n`, 0o600);
    generated = true;
    logger.info('generated a basic-auth password', { user, passwordFile });
  } else if (((await stat(passwordFile)).mode & 0o077) !== 0) {
    await chmod(passwordFile, 0o600);
    logger.warn('the password file was readable by others; set it to 0600', { passwordFile });
  }
  return { user, password, userFile, passwordFile, generated };
}
