import { createHash, timingSafeEqual } from 'node:crypto';
import type { BasicAuthCredentials } from './options.js';

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

/** The challenge sent with a 401, as OpenFaaS sends it. */
export const BASIC_AUTH_CHALLENGE = 'Basic realm="Restricted"';
