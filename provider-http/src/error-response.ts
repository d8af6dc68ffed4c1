import type { ServerResponse } from 'node:http';
import { FaasError, HEADERS, errorBody } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';

/** Which part of the provider produced an error, for `X-OpenFaaS-Internal`. */
export type ErrorComponent = 'provider' | 'proxy';

/**
 * The one place errors become responses: a FaasError keeps its status and one-line message;
 * anything else is a 500 without internals, logged with the call id. 5xx are logged as errors,
 * 4xx as info. A response already under way is cut off instead.
 */
export function sendError(
  res: ServerResponse,
  err: unknown,
  context: { component: ErrorComponent; logger: Logger; callId: string; route: string },
): void {
  const known = err instanceof FaasError;
  const error = known ? err : new FaasError('INTERNAL', 'Internal error, see the provider log.');
  const fields = { callId: context.callId, route: context.route, status: error.status };
  if (!known) context.logger.error('unexpected error', { ...fields, err: describe(err) });
  else if (error.status >= 500) context.logger.error(error.message, fields);
  else context.logger.info(error.message, fields);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = `${errorBody(error)}\n`;
  res.writeHead(error.status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    [HEADERS.internal]: context.component,
  });
  res.end(body);
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
