import type { RequestHandler } from 'express';
import { FaasError } from '@faas/contracts';
import { BASIC_AUTH_CHALLENGE, createBasicAuthCheck } from '@faas/service-kit';
import type { Credentials } from './credentials.js';

/** Express middleware: 401 with `WWW-Authenticate` unless the request carries the credentials. */
export function requireBasicAuth(credentials: Credentials | undefined): RequestHandler {
  if (!credentials) return (_req, _res, next) => next();
  const check = createBasicAuthCheck(credentials);
  return (req, res, next) => {
    if (check(req.headers.authorization)) return next();
    res.setHeader('WWW-Authenticate', BASIC_AUTH_CHALLENGE);
    next(new FaasError('UNAUTHORIZED'));
  };
}
