import { Agent, STATUS_CODES, request } from 'node:http';
import type { Duplex } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaasError, ROUTE_NAME_PATTERN, splitFunctionName } from '@faas/contracts';
import { endToEndMap, sendError, tunnelUpgrade } from '@faas/service-kit';
import type { Logger } from '@faas/service-kit';
import { replicaUrls } from '../roles.js';
import type { ReplicaResolver } from '../roles.js';
import type { Balancer } from './balancer.js';
import { upstreamRequestHeaders } from './forward-headers.js';
import { parseInvokePath } from './invoke-path.js';
import type { InvokePath } from './invoke-path.js';

/** What the invoke proxy needs. */
export interface InvokeProxyDeps {
  /** Finds the function's ready replicas. */
  resolver: ReplicaResolver;
  /** Namespace of `/function/{name}` without `.namespace`. */
  defaultNamespace: string;
  /** Picks a replica per request. */
  balancer: Balancer;
  /** Where upstream failures are logged. */
  logger: Logger;
  /** 504 when the function has not answered after this many ms; 0 = never. */
  timeoutMs: number;
}

/** The invoke proxy: `/function/{name}[/{path}]` to one ready replica's watchdog. */
export interface InvokeProxy {
  /** Proxies one request; returns the route template at once (for metrics). */
  handle(req: IncomingMessage, res: ServerResponse): string;
  /** Relays an `Upgrade` (WebSocket) on `/function/{name}` to one ready replica: the server's `upgrade` listener. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes pooled upstream connections. */
  close(): void;
}

interface Upstream {
  hostname: string;
  port: number;
  basePath: string;
}

/**
 * Lean on purpose (the hot path): no framework, one keep-alive agent, streaming both ways with
 * `pipe`, hop-by-hop headers dropped, redirects never followed (node's client does not follow).
 */
export function createInvokeProxy(deps: InvokeProxyDeps): InvokeProxy {
  const agent = new Agent({ keepAlive: true });
  const upstreams = new Map<string, Upstream>();
  const upstreamOf = (base: string): Upstream => {
    let u = upstreams.get(base);
    if (!u) {
      const url = new URL(base);
      u = { hostname: url.hostname, port: Number(url.port || 80), basePath: url.pathname.replace(/\/$/, '') };
      if (upstreams.size > 10_000) upstreams.clear();
      upstreams.set(base, u);
    }
    return u;
  };

  /** The replica a call goes to; FUNCTION_NOT_FOUND / NO_REPLICAS FaasErrors otherwise. */
  const replicaFor = async (path: InvokePath): Promise<Upstream & { name: string; namespace: string }> => {
    const { qualified } = path;
    if (!ROUTE_NAME_PATTERN.test(qualified)) {
      throw new FaasError('FUNCTION_NOT_FOUND', `No such function: ${qualified}.`);
    }
    const { name, namespace = deps.defaultNamespace } = splitFunctionName(qualified);
    const resolved = await deps.resolver.resolve(name, namespace);
    const urls = replicaUrls(resolved);
    if (urls.length === 0) throw new FaasError('NO_REPLICAS', `No endpoints available for: ${name}.`);
    return { ...upstreamOf(deps.balancer.pick(`${name}.${namespace}`, urls)), name, namespace };
  };

  const forward = async (req: IncomingMessage, res: ServerResponse, path: InvokePath): Promise<void> => {
    const { upstreamPath } = path;
    const target = await replicaFor(path);
    const { name, namespace } = target;
    await new Promise<void>((resolve, reject) => {
      let timedOut = false;
      const upstream = request({
        agent,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: `${target.basePath}${upstreamPath}`,
        headers: upstreamRequestHeaders(req.headers, req.socket.remoteAddress),
      });
      const timer =
        deps.timeoutMs > 0
          ? setTimeout(() => {
              timedOut = true;
              upstream.destroy();
            }, deps.timeoutMs)
          : undefined;
      upstream.on('response', (answer) => {
        clearTimeout(timer);
        res.writeHead(answer.statusCode ?? 502, endToEndMap(answer.headers));
        answer.pipe(res);
        answer.on('error', () => res.destroy());
        answer.on('end', () => resolve());
      });
      upstream.on('error', (err) => {
        clearTimeout(timer);
        if (res.headersSent || res.destroyed) {
          res.destroy();
          resolve();
        } else if (timedOut) {
          reject(new FaasError('UPSTREAM_TIMEOUT', `Timed out waiting for: ${name}.`));
        } else {
          deps.logger.warn('upstream unreachable', { function: name, namespace, error: err.message });
          reject(new FaasError('UPSTREAM_UNREACHABLE', `Can't reach service for: ${name}.`));
        }
      });
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      req.pipe(upstream);
    });
  };

  return {
    handle(req, res) {
      const path = parseInvokePath(req.url ?? '/');
      forward(req, res, path).catch((err: unknown) =>
        sendError(res, err, {
          component: 'proxy',
          service: 'provider',
          logger: deps.logger,
          callId: String(req.headers['x-call-id'] ?? ''),
          route: 'invoke',
        }),
      );
      return path.template;
    },
    upgrade(req, socket, head) {
      socket.on('error', () => socket.destroy());
      const path = parseInvokePath(req.url ?? '/');
      replicaFor(path).then(
        (target) =>
          tunnelUpgrade(
            req,
            socket,
            head,
            {
              hostname: target.hostname,
              port: target.port,
              path: `${target.basePath}${path.upstreamPath}`,
              headers: req.rawHeaders,
            },
            // No limits of its own: the gateway and the function's watchdog enforce theirs, and
            // either one closing ends this hop too.
            { idleMs: 0, maxMs: 0 },
          ),
        (err: unknown) => {
          const status = err instanceof FaasError ? err.status : 500;
          const text = `${err instanceof FaasError ? err.message : 'Upgrade failed.'}\n`;
          socket.end(
            `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
          );
        },
      );
    },
    close() {
      agent.destroy();
    },
  };
}
