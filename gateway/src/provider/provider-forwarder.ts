import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaasError } from '@faas/contracts';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';
import type { GatewayConfig } from '../config.js';
import { forward } from '../proxy/forward.js';
import { stampOf, upstreamRequestHeaders } from '../proxy/headers.js';
import { ProviderClient } from './provider-client.js';

/** Options of one forwarded system call. */
export interface ProviderForwardOptions {
  /** A body the gateway already read (and maybe rewrote); otherwise the request streams. */
  body?: Buffer;
  /** Cut the response after this long; 0 for streams that may stay open (logs). */
  writeTimeoutMs?: number;
}

/**
 * Forwards a `/system/*` request to the provider as it came, streamed both ways, with the
 * gateway's credentials in place of the caller's.
 */
@injectable()
export class ProviderForwarder {
  constructor(
    @inject(ProviderClient) private readonly provider: ProviderClient,
    @inject(tokens.GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  /** Forwards to `path` (with query); resolves with the status sent, rejects with a FaasError. */
  async forward(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    options: ProviderForwardOptions = {},
  ) {
    const stamp = stampOf(req);
    const headers = upstreamRequestHeaders(req, stamp, {
      ...(this.provider.authorization ? { authorization: this.provider.authorization } : {}),
      ...(options.body ? { contentLength: options.body.length } : {}),
    });
    const call = {
      req,
      res,
      stamp,
      headers,
      upstreamTimeoutMs: this.config.upstreamTimeoutMs,
      readTimeoutMs: this.config.readTimeoutMs,
      writeTimeoutMs: options.writeTimeoutMs ?? this.config.writeTimeoutMs,
      maxBodyBytes: 0,
      ...(options.body ? { body: options.body } : {}),
    };
    return forward(call, this.provider.target(path), this.provider.dispatcher).catch((err: unknown) => {
      if (err instanceof FaasError && err.code === 'UPSTREAM_UNREACHABLE')
        throw new FaasError('UPSTREAM_UNREACHABLE', "Can't reach the provider.");
      throw err;
    });
  }
}
