import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CREDENTIAL_FILES } from '@faas/gateway';

/** Where the platform's basic-auth credentials live, and how they got there. */
export interface PlatformCredentials {
  /** Directory with `basic-auth-user` and `basic-auth-password`: `secret_mount_path` for both processes. */
  dir: string;
  /** The user name (printed at start). */
  user: string;
  /** The password file (its path is printed, never its content). */
  passwordFile: string;
  /** Whether the password was generated on this start. */
  generated: boolean;
}

async function readTrimmed(path: string): Promise<string | undefined> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    return text === '' ? undefined : text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * The credentials gateway and provider share. With `secret_mount_path` set, its files are used
 * as they are (both must exist). Otherwise `<stateDir>/secrets` is used, and on first start user
 * `admin` and a random password are written there (0600, directory 0700).
 */
export async function ensureCredentials(
  secretMountPath: string | undefined,
  stateDir: string,
): Promise<PlatformCredentials> {
  if (secretMountPath) {
    const dir = resolve(secretMountPath);
    const user = await readTrimmed(join(dir, CREDENTIAL_FILES.user));
    const passwordFile = join(dir, CREDENTIAL_FILES.password);
    if (!user || !(await readTrimmed(passwordFile))) {
      throw new Error(
        `secret_mount_path: ${dir} must hold non-empty basic-auth-user and basic-auth-password files`,
      );
    }
    return { dir, user, passwordFile, generated: false };
  }
  const dir = resolve(stateDir, 'secrets');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const userFile = join(dir, CREDENTIAL_FILES.user);
  const passwordFile = join(dir, CREDENTIAL_FILES.password);
  let user = await readTrimmed(userFile);
  if (!user) {
    user = 'admin';
    await writeFile(userFile, `${user}\n`, { mode: 0o600 });
  }
  let generated = false;
  if (!(await readTrimmed(passwordFile))) {
    await writeFile(passwordFile, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
    generated = true;
  } else if (((await stat(passwordFile)).mode & 0o077) !== 0) {
    await chmod(passwordFile, 0o600);
  }
  return { dir, user, passwordFile, generated };
}
