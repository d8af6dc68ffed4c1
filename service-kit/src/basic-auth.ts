// Basic auth as OpenFaaS does it, once for the gateway and every provider: the credentials files
// in `secret_mount_path`, the `Authorization` header, and a check that leaks nothing by timing.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A basic-auth user and password. */
export interface BasicAuthCredentials {
  /** The user name. */
  user: string;
  /** The password; compared in constant time. */
  password: string;
}

/** The file names OpenFaaS uses for the credentials inside `secret_mount_path`. */
export const CREDENTIAL_FILES = { user: 'basic-auth-user', password: 'basic-auth-password' } as const;

/** The challenge sent with a 401, as OpenFaaS sends it. */
export const BASIC_AUTH_CHALLENGE = 'Basic realm="Restricted"';

/**
 * Reads `<dir>/basic-auth-user` and `<dir>/basic-auth-password` (trimmed). Throws an Error naming
 * the missing or empty file, never its content.
 */
export async function readCredentials(dir: string): Promise<BasicAuthCredentials> {
  const read = async (file: string): Promise<string> => {
    const path = join(dir, file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new Error(
        `basic auth is on but ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): ` +
          'mount the credentials there (the basic-auth secret) or set basic_auth=false',
        { cause: err },
      );
    }
    if (text.trim() === '') throw new Error(`basic auth is on but ${path} is empty`);
    return text.trim();
  };
  return { user: await read(CREDENTIAL_FILES.user), password: await read(CREDENTIAL_FILES.password) };
}

/** The `Authorization` header value for credentials. */
export function basicAuthorization(credentials: BasicAuthCredentials): string {
  return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, 'utf8').toString('base64')}`;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Checks an `Authorization: Basic …` header against the credentials. Both parts are compared in
 * constant time (hashing first makes the lengths equal, so the length leaks nothing either).
 */
export function createBasicAuthCheck(
  credentials: BasicAuthCredentials,
): (header: string | undefined) => boolean {
  const user = digest(credentials.user);
  const password = digest(credentials.password);
  return (header) => {
    if (!header || !/^basic /i.test(header)) return false;
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const userOk = timingSafeEqual(digest(decoded.slice(0, colon)), user);
    const passwordOk = timingSafeEqual(digest(decoded.slice(colon + 1)), password);
    return userOk && passwordOk;
  };
}
