import type { IncomingMessage } from 'node:http';
import type { Request, Response, Router } from 'express';
import { FaasError, HEADERS, qualifiedName } from '@faas/contracts';
import { bodyTooLarge, overLimit, readBody } from '@faas/service-kit';
import type { Logger } from '@faas/service-kit';
import { Counter, type Registry } from 'prom-client';
import { DEFAULT_QUEUE_NAME, isValidQueueName, queueNameOf, retryOverridesOf } from '../annotations.js';
import { CallbackPolicy } from '../callback-policy.js';
import type { QueueBackend } from '../types.js';
import { ASYNC_PREFIX, callIdOf, callbackUrlOf, parseAsyncUrl, queueRequest } from './async-request.js';
import { registerDeadLetterRoutes } from './dead-letter-routes.js';
import { cachedLookup } from './function-lookup.js';
import type { FunctionFacts } from './function-lookup.js';

/** What {@link createAsyncRoutes} needs from the gateway. */
export interface AsyncRoutesDeps {
  /** The open queue backend. */
  backend: QueueBackend;
  /** The function, or undefined when it does not exist (→ 404, nothing queued). */
  findFunction(name: string, namespace: string): Promise<FunctionFacts | undefined>;
  /** Namespace of a name without `.namespace` (`function_namespace`). */
  defaultNamespace: string;
  /** Queue of functions that name none (`faas_nats_channel`). */
  defaultQueue?: string;
  /** How long a function found to exist is remembered (default 1 s; 0: ask every time). */
  lookupCacheMs?: number;
  /** Larger bodies are refused with 413 (the gateway's `max_async_body_size`; 0: no limit). */
  maxBodyBytes: number;
  logger: Logger;
  /** The gateway's registry, for `gateway_async_requests_total`. */
  registry: Registry;
  /** Where callbacks may go (`callback_allowed_hosts`); default `*`: no loopback, link-local or metadata. */
  callbackPolicy?: CallbackPolicy;
}

/** A gateway route module (same shape as the gateway's `RouteModule`). */
export interface AsyncRouteModule {
  readonly name: string;
  register(router: Router): void;
}

/**
 * `POST /async-function/{name}[/{path}]` and the dead-letter routes under
 * `/system/async/`. Errors are thrown as FaasErrors for the gateway's one error middleware. The
 * 202 is sent only once the queue has confirmed the write, so no accepted call can be lost; the
 * call is counted in `gateway_function_invocation_total` when the worker invokes it, not here.
 */
export function createAsyncRoutes(deps: AsyncRoutesDeps): AsyncRouteModule {
  const requests = new Counter({
    name: 'gateway_async_requests_total',
    help: 'Asynchronous invocation requests of known functions, by the status the gateway answered (202: queued).',
    labelNames: ['function_name', 'code'],
    registers: [deps.registry],
  });
  const defaultQueue = deps.defaultQueue ?? DEFAULT_QUEUE_NAME;
  const findFunction = cachedLookup(deps.findFunction, deps.lookupCacheMs ?? 1_000);
  const callbackPolicy = deps.callbackPolicy ?? new CallbackPolicy('*');

  async function enqueue(req: Request, res: Response): Promise<void> {
    const target = parseAsyncUrl(req.originalUrl, deps.defaultNamespace);
    // Counted once the function is known to exist: a name the caller made up gets no series.
    let known = false;
    res.once('finish', () => {
      if (!known) return;
      requests.inc({
        function_name: qualifiedName(target.name, target.namespace),
        code: String(res.statusCode),
      });
    });
    const callbackUrl = callbackUrlOf(req, callbackPolicy);
    const callId = callIdOf(req);
    // Refused before the function lookup: the body of a 413 is never read.
    if (overLimit(Number(req.headers['content-length'] ?? 0), deps.maxBodyBytes))
      throw bodyTooLarge(deps.maxBodyBytes);
    const facts = await findFunction(target.name, target.namespace);
    if (!facts)
      throw new FaasError('FUNCTION_NOT_FOUND', `Function not found: ${target.name}.${target.namespace}.`);
    known = true;
    const queueName = queueNameOf(facts.annotations, defaultQueue);
    if (!isValidQueueName(queueName)) {
      throw new FaasError('INTERNAL', `Function ${target.name} names an invalid queue "${queueName}".`);
    }
    const { overrides, problems } = retryOverridesOf(facts.annotations);
    if (problems.length > 0)
      deps.logger.warn('ignoring retry annotations', { function: target.name, problems });
    // The raw body lives only until it is base64 in the request: nothing holds it during the publish.
    const body = await readBody(req, deps.maxBodyBytes);
    const request = queueRequest(req as IncomingMessage, target, callId, body, callbackUrl);
    try {
      await deps.backend.queue(queueName).publish(overrides ? { request, retry: overrides } : { request });
    } catch (err) {
      if (err instanceof FaasError) throw err;
      throw new FaasError('UNAVAILABLE', `Queue unavailable: ${(err as Error).message}.`);
    }
    res.status(202).set(HEADERS.callId, callId).end();
  }

  return {
    name: 'async',
    register(router: Router): void {
      const paths = [`${ASYNC_PREFIX}:name`, `${ASYNC_PREFIX}:name/*path`];
      router.post(paths, enqueue);
      router.all([...paths, ASYNC_PREFIX.slice(0, -1), ASYNC_PREFIX], (req) => {
        if (req.path === ASYNC_PREFIX || req.path === ASYNC_PREFIX.slice(0, -1)) {
          throw new FaasError('FUNCTION_NOT_FOUND', 'Function not found: (no name).');
        }
        throw new FaasError('METHOD_NOT_ALLOWED', 'Asynchronous invocation takes POST only.');
      });
      registerDeadLetterRoutes(router, deps.backend);
    },
  };
}
