// Requests that change something under /system come from clients (faas-cli, our CLI, curl) or
// from the UI on the gateway's own origin — never from another site's page. A browser attaches its
// cached basic-auth credentials to a form another page submits, and `envProcess` runs a command
// on the host: that is code execution by CSRF, refused here before auth looks at the credentials.
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { FaasError } from '@faas/contracts';

/** Methods that change nothing; a page on another site cannot read their answers either. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `Sec-Fetch-Site` values of a request the gateway's own pages (or the user) started. */
const OWN_SITE = new Set(['same-origin', 'none']);

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `host[:port]` as a URL of `protocol` writes it (default port dropped), or undefined. */
function hostOf(protocol: string, host: string | undefined): string | undefined {
  if (!host) return undefined;
  try {
    return new URL(`${protocol}//${host}`).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Why a state-changing request is cross-site, or undefined. A browser names the page's origin in
 * `Origin` (`null` from sandboxed frames and files) and, on trustworthy origins, the relation in
 * `Sec-Fetch-Site`; non-browser clients send neither. The gateway's own origin is the `Host` the
 * request came to (or `X-Forwarded-Host`, set by a reverse proxy: a page cannot add that header
 * to a cross-site request without a CORS preflight, which the gateway never grants).
 */
export function crossSiteReason(req: IncomingMessage): string | undefined {
  const site = header(req, 'sec-fetch-site');
  if (site !== undefined && !OWN_SITE.has(site.toLowerCase())) return `Sec-Fetch-Site: ${site}`;
  const origin = header(req, 'origin');
  if (origin === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `Origin: ${origin}`;
  }
  if (url.origin === 'null') return `Origin: ${origin}`;
  const own = [header(req, 'host'), header(req, 'x-forwarded-host')].map((h) => hostOf(url.protocol, h));
  return own.includes(url.host.toLowerCase()) ? undefined : `Origin: ${origin}`;
}

/** Refuses state-changing requests from another site's pages with 403 (mounted ahead of basic auth). */
export function refuseCrossSite(): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const reason = crossSiteReason(req);
    if (!reason) return next();
    throw new FaasError(
      'FORBIDDEN',
      `Cross-site request refused (${reason}): changes under /system come from the gateway's own UI or from API clients, never from another site's page.`,
    );
  };
}

/** `application/json`, `application/merge-patch+json` …, with or without parameters. */
const JSON_TYPE = /^application\/([\w.+-]*\+)?json\s*(;|$)/i;

/**
 * The JSON routes take JSON: a `Content-Type` that is not (a form's `text/plain`,
 * `application/x-www-form-urlencoded`, `multipart/form-data`) is 415. None at all is accepted:
 * Go's HTTP client (faas-cli's namespace and go-sdk calls) sends none, and a browser cannot send
 * a body without one past the cross-site check.
 */
export function requireJsonBodies(): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const type = header(req, 'content-type');
    if (type === undefined || JSON_TYPE.test(type)) return next();
    throw new FaasError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Send the body as JSON with Content-Type: application/json (got ${type.split(';')[0]}; with curl: -H 'Content-Type: application/json').`,
    );
  };
}
