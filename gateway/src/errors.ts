// The one place the gateway turns errors into responses.
import type { ServerResponse } from 'node:http';
import type { ErrorRequestHandler } from 'express';
import { FaasError, HEADERS, errorBody } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';

/** The value of `X-OpenFaaS-Internal` on errors the gateway makes itself. */
export const GATEWAY_COMPONENT = 'gateway';

/** What a log line about an error says besides the message. */
export interface ErrorContext {
  /** The request's call id, when it has one. */
  callId?: string;
  /** The path or route, for the log line. */
  route: string;
  /** The caller logs this error itself (an invocation's failure, with its function). */
  quiet?: boolean;
}

/**
 * Writes an error as plain text, one line, with `X-OpenFaaS-Internal: gateway`. A FaasError keeps
 * its status; anything else is a 500 without internals. 5xx are logged as errors, 4xx as info
 * (unless the caller logs them: `quiet`). A response already under way is cut off instead.
 * Returns the status written.
 */
export function sendError(res: ServerResponse, err: unknown, logger: Logger, context: ErrorContext): number {
  const known = err instanceof FaasError;
  const error = known ? err : new FaasError('INTERNAL', 'Internal error, see the gateway log.');
  const { quiet, ...where } = context;
  const fields = { ...where, status: error.status };
  if (!known)
    logger.error('unexpected error', { ...fields, err: err instanceof Error ? err.stack : String(err) });
  else if (quiet) {
    // The caller logs it, in its own words.
  } else if (error.status >= 500) logger.error(error.message, fields);
  else logger.info(error.message, fields);
  if (res.headersSent) {
    res.destroy();
    return res.statusCode;
  }
  const body = `${errorBody(error)}\n`;
  res.statusCode = error.status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.setHeader(HEADERS.internal, GATEWAY_COMPONENT);
  // The rest of an oversized or late body is never read: close instead of draining it.
  if (error.status === 413 || error.status === 408) res.setHeader('Connection', 'close');
  res.end(body);
  return error.status;
}

/** Express's error middleware: every error of every route module ends here. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const callId = req.headers['x-call-id'];
    sendError(res, toFaasError(err), logger, {
      route: req.path,
      ...(typeof callId === 'string' ? { callId } : {}),
    });
  };
}

/** Express's own errors (body parser) carry a status; keep it meaningful. */
function toFaasError(err: unknown): unknown {
  if (err instanceof FaasError) return err;
  const status = (err as { status?: number } | undefined)?.status;
  if (status === 413) return new FaasError('PAYLOAD_TOO_LARGE');
  if (status === 400) return new FaasError('INVALID_REQUEST', 'Invalid request body.');
  return err;
}
