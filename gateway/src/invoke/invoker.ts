// The invocation path: resolve a function, proxy straight to a ready replica, fall back to the
// provider's /function/ proxy, count it. Every gateway-made error is answered here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaasError } from '@faas/contracts';
import { sendError } from '@faas/service-kit';
import type { Logger } from '@faas/service-kit';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';
import type { GatewayConfig } from '../config.js';
import { EndpointResolver } from './endpoint-resolver.js';
import { ProviderClient } from '../provider/provider-client.js';
import { UpstreamAgents } from '../proxy/agents.js';
import { GATEWAY_COMPONENT } from '../errors.js';
import { forward, UpstreamConnectError } from '../proxy/forward.js';
import type { ForwardCall, ForwardOutcome, UpstreamTarget } from '../proxy/forward.js';
import { stampOf, upstreamRequestHeaders } from '../proxy/headers.js';
import type { CallStamp } from '../proxy/headers.js';
import type { InvocationRoute } from './endpoint-resolver.js';
import type { FunctionAvailability, FunctionRef, InvocationObserver } from './hooks.js';
import { InvocationFailures } from './invocation-failures.js';

/** Gateway errors that are the function's failure to answer, logged as its failed invocation. */
const FUNCTION_FAILURES = new Set(['UPSTREAM_TIMEOUT', 'UPSTREAM_UNREACHABLE', 'NO_REPLICAS']);

/** Proxies invocations to functions. */
@injectable()
export class Invoker {
  private readonly failures: InvocationFailures;

  constructor(
    @inject(EndpointResolver) private readonly resolver: EndpointResolver,
    @inject(ProviderClient) private readonly provider: ProviderClient,
    @inject(UpstreamAgents) private readonly agents: UpstreamAgents,
    @inject(tokens.FunctionAvailability) private readonly availability: FunctionAvailability,
    @inject(tokens.InvocationObserver) private readonly observer: InvocationObserver,
    @inject(tokens.GatewayConfig) private readonly limits: GatewayConfig,
    @inject(tokens.Logger) private readonly logger: Logger,
  ) {
    this.failures = new InvocationFailures(logger);
  }

  /**
   * Invokes `fn` with `path` (remainder and query, starting with `/`). `body` is a body the
   * gateway already read (Alexa routing); otherwise the request streams.
   */
  async invoke(
    req: IncomingMessage,
    res: ServerResponse,
    fn: FunctionRef,
    path: string,
    body?: Buffer,
  ): Promise<void> {
    const stamp = stampOf(req);
    let route: InvocationRoute;
    try {
      route = this.resolver.fresh(fn.name, fn.namespace) ?? (await this.routeFor(fn, res));
    } catch (err) {
      sendError(res, err, {
        logger: this.logger,
        component: GATEWAY_COMPONENT,
        route: req.url ?? '',
        callId: stamp.callId,
      });
      return;
    }
    const started = process.hrtime.bigint();
    // A function the provider could not confirm is not counted: its name is the caller's choice.
    const observed = !(route.kind === 'provider' && route.unverified);
    if (observed) this.observer.started(fn);
    let status: number;
    try {
      const outcome = await this.send(req, res, fn, path, body, stamp, route);
      status = outcome.status;
      // A crash (5xx) or a timeout (408) the function's side answered: say which function and why.
      if (observed && outcome.failure !== undefined)
        this.failures.report(fn.qualified, status, outcome.failure || `answered ${status}`, stamp.callId);
    } catch (err) {
      const mine = observed && err instanceof FaasError && FUNCTION_FAILURES.has(err.code);
      status = sendError(res, err, {
        logger: this.logger,
        component: GATEWAY_COMPONENT,
        route: req.url ?? '',
        callId: stamp.callId,
        quiet: mine,
      });
      if (mine) this.failures.report(fn.qualified, status, this.reasonOf(err as FaasError), stamp.callId);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (observed) this.observer.finished(fn, status, seconds);
    this.logger.debug('invocation', { function: fn.qualified, status, seconds, callId: stamp.callId });
  }

  /** Why the gateway gave up on a function, with the setting that decided it. */
  private reasonOf(err: FaasError): string {
    if (err.code === 'UPSTREAM_TIMEOUT')
      return `no answer within upstream_timeout (${this.limits.upstreamTimeoutMs / 1000}s)`;
    return err.message;
  }

  /**
   * Where to send a call: the provider's answer, after waking the function when it has no replica;
   * `res` is the response or socket whose 'close' gives up the wait.
   */
  async routeFor(fn: FunctionRef, res: NodeJS.EventEmitter): Promise<InvocationRoute> {
    const route = await this.resolver.resolve(fn.name, fn.namespace);
    if (route.kind !== 'no-replicas') return route;
    const abort = new AbortController();
    const onClose = (): void => abort.abort();
    res.once('close', onClose);
    try {
      await this.availability.awaitReady(fn, abort.signal);
    } finally {
      res.off('close', onClose);
    }
    return this.resolver.resolve(fn.name, fn.namespace);
  }

  private async send(
    req: IncomingMessage,
    res: ServerResponse,
    fn: FunctionRef,
    path: string,
    body: Buffer | undefined,
    stamp: CallStamp,
    route: InvocationRoute,
  ): Promise<ForwardOutcome> {
    const call: ForwardCall = {
      req,
      res,
      stamp,
      headers: upstreamRequestHeaders(req, stamp),
      upstreamTimeoutMs: this.limits.upstreamTimeoutMs,
      readTimeoutMs: this.limits.readTimeoutMs,
      writeTimeoutMs: this.limits.writeTimeoutMs,
      maxBodyBytes: this.limits.maxBodyBytes,
      ...(body ? { body } : {}),
    };
    // A replica that refuses the connection has gone since the provider named it (scaled down,
    // replaced): the body is still unread, so ask the provider again — which wakes a function
    // now at zero — and try once more before the provider's own proxy takes the call.
    for (let attempt = 0; route.kind === 'direct' && attempt < 2; attempt++) {
      const replica = this.resolver.pick(fn.name, fn.namespace, route.replicas);
      const target: UpstreamTarget = {
        protocol: replica.protocol,
        hostname: replica.hostname,
        port: replica.port,
        path: replica.prefix === '' ? path : `${replica.prefix}${path}`,
      };
      try {
        return await forward(call, target, this.agents.dispatcher);
      } catch (err) {
        if (!(err instanceof UpstreamConnectError)) throw err;
        this.logger.info('replica unreachable, asking the provider again', {
          function: fn.qualified,
          replica: `${replica.hostname}:${replica.port}`,
          err: err.reason.message,
        });
        this.resolver.evict(fn.name, fn.namespace);
        route = await this.routeFor(fn, res);
      }
    }
    const target = this.provider.target(`/function/${encodeURIComponent(fn.qualified)}${path}`);
    try {
      return await forward(call, target, this.provider.dispatcher);
    } catch (err) {
      if (err instanceof UpstreamConnectError)
        throw new FaasError('UPSTREAM_UNREACHABLE', `Can't reach service for: ${fn.qualified}.`);
      throw err;
    }
  }
}
