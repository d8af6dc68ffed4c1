// WebSockets (any `Upgrade`) on `/function/{name}`: resolved like an invocation, then relayed raw
// to a ready replica or through the provider's /function/ proxy, with the gateway's outer limits.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Counter, Gauge } from 'prom-client';
import { FaasError } from '@faas/contracts';
import { isUpgrade, tunnelUpgrade } from '@faas/service-kit';
import type { Logger, TunnelTarget } from '@faas/service-kit';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';
import type { GatewayConfig } from '../config.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { ProviderClient } from '../provider/provider-client.js';
import { stampOf, upstreamRequestHeaders } from '../proxy/headers.js';
import { EndpointResolver } from './endpoint-resolver.js';
import { functionRef, splitInvokePath } from './function-name.js';
import { Invoker } from './invoker.js';

const PREFIX = '/function/';

/** Answers a handshake the gateway refuses itself, in its usual plain-text error form. */
function refuse(socket: Duplex, status: number, reason: string, text: string): void {
  const body = `${text}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The `upgrade` listener of the gateway's server. */
@injectable()
export class UpgradeInvoker {
  private readonly open: Gauge<'function_name'>;
  private readonly total: Counter<'function_name' | 'end'>;

  constructor(
    @inject(EndpointResolver) private readonly resolver: EndpointResolver,
    @inject(ProviderClient) private readonly provider: ProviderClient,
    @inject(Invoker) private readonly invoker: Invoker,
    @inject(GatewayMetrics) metrics: GatewayMetrics,
    @inject(tokens.GatewayConfig) private readonly config: GatewayConfig,
    @inject(tokens.Logger) private readonly logger: Logger,
  ) {
    this.open = new Gauge({
      name: 'gateway_websocket_connections',
      help: 'Upgraded (WebSocket) connections open now, by function.',
      labelNames: ['function_name'],
      registers: [metrics.registry],
    });
    this.total = new Counter({
      name: 'gateway_websocket_connections_total',
      help: 'Upgraded (WebSocket) connections closed, by function and why (closed, idle, max-duration, unreachable).',
      labelNames: ['function_name', 'end'],
      registers: [metrics.registry],
    });
  }

  /** `server.on('upgrade', invoker.listener)`. */
  readonly listener = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    void this.handle(req, socket, head).catch((err: unknown) => {
      const known = err instanceof FaasError;
      if (!known) this.logger.error('upgrade failed', { err: (err as Error).message, route: req.url ?? '' });
      if (known && err.code === 'FUNCTION_NOT_FOUND') refuse(socket, 404, 'Not Found', err.message);
      else refuse(socket, 502, 'Bad Gateway', known ? err.message : 'Upgrade failed.');
    });
  };

  private async handle(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = req.url ?? '/';
    if (!url.startsWith(PREFIX) || !isUpgrade(req)) {
      return refuse(socket, 404, 'Not Found', 'Upgrades are served on /function/{name} only.');
    }
    const { name, path } = splitInvokePath(url, PREFIX);
    const fn = functionRef(name, this.config.functionNamespace);
    if (!fn) throw new FaasError('FUNCTION_NOT_FOUND', `Function not found: ${name || '(no name)'}.`);
    const route = this.resolver.fresh(fn.name, fn.namespace) ?? (await this.invoker.routeFor(fn, socket));
    if (socket.destroyed) return;
    const headers = upstreamRequestHeaders(req, stampOf(req));
    let target: TunnelTarget;
    if (route.kind === 'direct') {
      const replica = this.resolver.pick(fn.name, fn.namespace, route.replicas);
      target = { hostname: replica.hostname, port: replica.port, path: `${replica.prefix}${path}`, headers };
    } else {
      const via = this.provider.target(`/function/${encodeURIComponent(fn.qualified)}${path}`);
      target = { hostname: via.hostname, port: via.port, path: via.path, headers };
    }
    const open = this.open.labels(fn.qualified);
    open.inc();
    tunnelUpgrade(
      req,
      socket,
      head,
      target,
      { idleMs: this.config.websocketIdleMs, maxMs: this.config.websocketMaxMs },
      (end) => {
        open.dec();
        this.total.labels(fn.qualified, end).inc();
        // A replica gone since it was resolved: the next call asks the provider again.
        if (end === 'unreachable') this.resolver.evict(fn.name, fn.namespace);
      },
    );
  }
}
