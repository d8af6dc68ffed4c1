import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A basic-auth user and password. */
export interface Credentials {
  /** The user name. */
  user: string;
  /** The password. */
  password: string;
}

/** The file names OpenFaaS uses for the gateway's credentials inside `secret_mount_path`. */
export const CREDENTIAL_FILES = { user: 'basic-auth-user', password: 'basic-auth-password' } as const;

/**
 * Reads `<dir>/basic-auth-user` and `<dir>/basic-auth-password` (trimmed). Throws an Error naming
 * the missing or empty file, never its content.
 */
export async function readCredentials(dir: string): Promise<Credentials> {
  const read = async (file: string): Promise<string> => {
    const path = join(dir, file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new Error(
        `basic auth is on but ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        {
          cause: err,
        },
      );
    }
    if (text.trim() === '') throw new Error(`basic auth is on but ${path} is empty`);
    return text.trim();
  };
  return { user: await read(CREDENTIAL_FILES.user), password: await read(CREDENTIAL_FILES.password) };
}

/** The `Authorization` header value for credentials. */
export function basicAuthorization(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, 'utf8').toString('base64')}`;
}
