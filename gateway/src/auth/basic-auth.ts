import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { FaasError } from '@faas/contracts';
import type { Credentials } from './credentials.js';

/** The challenge sent with a 401, as OpenFaaS sends it. */
export const BASIC_AUTH_CHALLENGE = 'Basic realm="Restricted"';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Whether an `Authorization` header carries the credentials. User and password are compared in
 * constant time; hashing first gives both sides the same length, so length leaks nothing either.
 */
export function createCredentialCheck(credentials: Credentials): (header: string | undefined) => boolean {
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

/** Express middleware: 401 with `WWW-Authenticate` unless the request carries the credentials. */
export function requireBasicAuth(credentials: Credentials | undefined): RequestHandler {
  if (!credentials) return (_req, _res, next) => next();
  const check = createCredentialCheck(credentials);
  return (req, res, next) => {
    if (check(req.headers.authorization)) return next();
    res.setHeader('WWW-Authenticate', BASIC_AUTH_CHALLENGE);
    next(new FaasError('UNAUTHORIZED'));
  };
}
