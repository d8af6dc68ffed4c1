import { arch } from 'node:os';
import type { Router } from 'express';
import { FaasError } from '@faas/contracts';
import type { GatewayInfo, ProviderInfo, VersionInfo } from '@faas/contracts';
import { inject, injectable } from '../di.js';
import * as tokens from '../tokens.js';
import { ProviderClient } from '../provider/provider-client.js';
import type { RouteModule } from './route-module.js';

/** Node's architecture names that Go (GOARCH) spells differently; the rest agree. */
const GOARCH: Record<string, string> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le' };

/** The CPU architecture as Go names it (`amd64`, `arm64`), which is what OpenFaaS reports. */
export function machineArch(nodeArch: string = arch()): string {
  return GOARCH[nodeArch] ?? nodeArch;
}

/** `GET /system/info`: the gateway's version wrapping the provider's info. */
@injectable()
export class InfoRoutes implements RouteModule {
  readonly name = 'info';

  constructor(
    @inject(ProviderClient) private readonly provider: ProviderClient,
    @inject(tokens.VersionInfo) private readonly version: VersionInfo,
  ) {}

  register(router: Router): void {
    router.get('/system/info', async (_req, res) => {
      const answer = await this.provider.call('GET', '/system/info');
      if (answer.status !== 200) {
        throw new FaasError('UPSTREAM_UNREACHABLE', `The provider's /system/info answered ${answer.status}.`);
      }
      let provider: ProviderInfo;
      try {
        provider = JSON.parse(answer.text) as ProviderInfo;
      } catch {
        throw new FaasError('UPSTREAM_UNREACHABLE', "The provider's /system/info is not JSON.");
      }
      const info: GatewayInfo = { provider, version: this.version, arch: machineArch() };
      res.json(info);
    });
  }
}
