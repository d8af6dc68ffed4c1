// Express's errors into the one mapper every service uses (service-kit's `sendError`).
import type { ErrorRequestHandler } from 'express';
import { FaasError } from '@faas/contracts';
import { sendError } from '@faas/service-kit';
import type { Logger } from '@faas/service-kit';

/** The value of `X-OpenFaaS-Internal` on errors the gateway makes itself. */
export const GATEWAY_COMPONENT = 'gateway';

/** Express's error middleware: every error of every route module ends here. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const callId = req.headers['x-call-id'];
    sendError(res, toFaasError(err), {
      logger,
      component: GATEWAY_COMPONENT,
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
