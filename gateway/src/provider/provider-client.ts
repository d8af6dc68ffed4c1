import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Agent, OutgoingHttpHeaders } from 'node:http';
import { FaasError } from '@faas/contracts';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';
import type { GatewayConfig } from '../config.js';
import { basicAuthorization } from '../auth/credentials.js';
import type { Credentials } from '../auth/credentials.js';
import { keepAliveDispatcher } from '../proxy/agents.js';
import type { UpstreamTarget } from '../proxy/forward.js';

/** A buffered answer of the provider. */
export interface ProviderAnswer {
  /** HTTP status. */
  status: number;
  /** Response headers (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  /** The body as text. */
  text: string;
}

/** Options of one buffered call. */
export interface CallOptions {
  /** JSON-encodable body, or a Buffer sent as is. */
  body?: unknown;
  /** Extra request headers. */
  headers?: OutgoingHttpHeaders;
  /** Gives up after this long (504); default: the client's timeout. */
  timeoutMs?: number;
}

/**
 * The gateway's HTTP client for its provider (the provider contract, contracts/openapi.yaml): one keep-alive pool, the gateway's own
 * credentials on every call. Never used for a provider package import: only HTTP.
 */
@injectable()
export class ProviderClient {
  /** Keep-alive pool for the gateway's own requests to the provider (JSON calls). */
  readonly agent: Agent;
  /** Keep-alive pool for the requests the gateway forwards to the provider (see proxy/forward.ts). */
  readonly dispatcher = keepAliveDispatcher();
  /** `Authorization` header value sent on system calls; undefined when auth is off. */
  readonly authorization: string | undefined;
  private readonly base: URL;
  private readonly prefix: string;
  private readonly timeoutMs: number;

  constructor(
    @inject(tokens.GatewayConfig) config: GatewayConfig,
    @inject(tokens.Credentials) credentials: Credentials | null,
  ) {
    this.authorization = credentials ? basicAuthorization(credentials) : undefined;
    this.timeoutMs = config.upstreamTimeoutMs;
    this.base = new URL(config.providerUrl);
    this.prefix = this.base.pathname.replace(/\/$/, '');
    const Pool = this.base.protocol === 'https:' ? HttpsAgent : HttpAgent;
    this.agent = new Pool({ keepAlive: true, maxFreeSockets: 64, scheduling: 'lifo' });
  }

  /** Where a provider path (`/system/functions?namespace=x`) goes. */
  target(path: string): UpstreamTarget {
    const defaultPort = this.base.protocol === 'https:' ? 443 : 80;
    return {
      protocol: this.base.protocol,
      hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
      port: this.base.port ? Number(this.base.port) : defaultPort,
      path: `${this.prefix}${path}`,
    };
  }

  /** One buffered call; rejects with UPSTREAM_UNREACHABLE / UPSTREAM_TIMEOUT FaasErrors. */
  call(method: string, path: string, options: CallOptions = {}): Promise<ProviderAnswer> {
    const target = this.target(path);
    const payload =
      options.body === undefined
        ? undefined
        : Buffer.isBuffer(options.body)
          ? options.body
          : Buffer.from(JSON.stringify(options.body));
    const headers: OutgoingHttpHeaders = { accept: 'application/json', ...options.headers };
    if (this.authorization) headers.authorization = this.authorization;
    if (payload) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = payload.length;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send({ ...target, method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', () => reject(new FaasError('UPSTREAM_UNREACHABLE', "Can't reach the provider.")));
      });
      req.setTimeout(options.timeoutMs ?? this.timeoutMs, () => {
        req.destroy();
        reject(new FaasError('UPSTREAM_TIMEOUT', 'The provider did not answer in time.'));
      });
      req.on('error', () => reject(new FaasError('UPSTREAM_UNREACHABLE', "Can't reach the provider.")));
      req.end(payload);
    });
  }

  /** Closes pooled sockets. */
  close(): void {
    this.agent.destroy();
    void this.dispatcher.destroy();
  }
}
