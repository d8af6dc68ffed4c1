// The gateway's own answers to routes of `gatewayRoutes`, by route id: health, info, logs,
// metrics and the root redirect. `/system/*` forwarding is system-routes.ts; invocation is the
// fast path of invoke-routes.ts.
import { arch } from 'node:os';
import { FaasError } from '@faas/contracts';
import type { GatewayInfo, ProviderInfo, VersionInfo } from '@faas/contracts';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { ProviderClient } from '../provider/provider-client.js';
import { ProviderForwarder } from '../provider/provider-forwarder.js';
import type { RouteHandlers } from './route-module.js';

/** How long `/healthz` waits for the provider. */
const PROVIDER_HEALTH_TIMEOUT_MS = 2_000;

/** Node's architecture names that Go (GOARCH) spells differently; the rest agree. */
const GOARCH: Record<string, string> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le' };

/** The CPU architecture as Go names it (`amd64`, `arm64`), which is what OpenFaaS reports. */
export function machineArch(nodeArch: string = arch()): string {
  return GOARCH[nodeArch] ?? nodeArch;
}

/** Health, info, logs, metrics and `GET /`. */
@injectable()
export class GatewayHandlers {
  constructor(
    @inject(ProviderClient) private readonly provider: ProviderClient,
    @inject(ProviderForwarder) private readonly forwarder: ProviderForwarder,
    @inject(GatewayMetrics) private readonly metrics: GatewayMetrics,
    @inject(tokens.VersionInfo) private readonly version: VersionInfo,
  ) {}

  /** The handlers by route id. */
  handlers(): RouteHandlers {
    return {
      /** 200 only while the provider answers its own `/healthz`. */
      gatewayHealth: async (_req, res) => {
        const status = await this.provider
          .call('GET', '/healthz', { timeoutMs: PROVIDER_HEALTH_TIMEOUT_MS })
          .then((answer) => answer.status)
          .catch(() => 0);
        if (status !== 200) throw new FaasError('UNAVAILABLE', 'Provider unavailable.');
        res.type('text/plain').send('OK');
      },
      /** The gateway's version wrapping the provider's info. */
      gatewayInfo: async (_req, res) => {
        const answer = await this.provider.call('GET', '/system/info');
        if (answer.status !== 200) {
          throw new FaasError(
            'UPSTREAM_UNREACHABLE',
            `The provider's /system/info answered ${answer.status}.`,
          );
        }
        let provider: ProviderInfo;
        try {
          provider = JSON.parse(answer.text) as ProviderInfo;
        } catch {
          throw new FaasError('UPSTREAM_UNREACHABLE', "The provider's /system/info is not JSON.");
        }
        const info: GatewayInfo = { provider, version: this.version, arch: machineArch() };
        res.json(info);
      },
      /**
       * The provider's NDJSON stream passed on chunk by chunk as it arrives (the provider flushes
       * one line at a time), with no write timeout, so `follow=true` stays open.
       */
      getLogs: async (req, res) => {
        await this.forwarder.forward(req, res, req.originalUrl, { writeTimeoutMs: 0 });
      },
      /** This app's registry in Prometheus text format (gateway/README.md, Metrics). */
      metrics: async (_req, res) => {
        res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
      },
      rootRedirect: (_req, res) => res.redirect(301, '/ui/'),
    };
  }
}
