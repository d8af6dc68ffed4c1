// The one place a service turns an error into an HTTP answer (gateway, providers, queue).
import type { ServerResponse } from 'node:http';
import { FaasError, HEADERS, errorBody } from '@faas/contracts';
import type { Logger } from '../logger.js';

/** Who answers, and what a log line about the error says besides the message. */
export interface ErrorContext {
  /** Where the error is logged. */
  logger: Logger;
  /** The value of `X-OpenFaaS-Internal`: the part that made the error (`gateway`, `provider`, `proxy`). */
  component: string;
  /** The service whose log holds an unexpected error's details; `component` when absent. */
  service?: string;
  /** The path or route, for the log line. */
  route: string;
  /** The request's call id, when it has one. */
  callId?: string;
  /** The caller logs this error itself (an invocation's failure, with its function). */
  quiet?: boolean;
}

/**
 * Writes an error as plain text, one line, with `X-OpenFaaS-Internal`. A FaasError keeps its
 * status and message; anything else is a 500 without internals. 5xx are logged as errors, 4xx as
 * info (unless `quiet`). A response already under way is cut off instead. After a 413 or 408 the
 * connection closes: the rest of that body is never wanted. Returns the status written.
 */
export function sendError(res: ServerResponse, err: unknown, context: ErrorContext): number {
  const known = err instanceof FaasError;
  const error = known
    ? err
    : new FaasError('INTERNAL', `Internal error, see the ${context.service ?? context.component} log.`);
  const fields = {
    ...(context.callId ? { callId: context.callId } : {}),
    route: context.route,
    status: error.status,
  };
  if (!known) context.logger.error('unexpected error', { ...fields, err: describe(err) });
  else if (context.quiet) {
    // The caller logs it, in its own words.
  } else if (error.status >= 500) context.logger.error(error.message, fields);
  else context.logger.info(error.message, fields);
  if (res.headersSent) {
    res.destroy();
    return res.statusCode;
  }
  const body = `${errorBody(error)}\n`;
  res.statusCode = error.status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.setHeader(HEADERS.internal, context.component);
  if (error.status === 413 || error.status === 408) res.setHeader('Connection', 'close');
  res.end(body);
  return error.status;
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
