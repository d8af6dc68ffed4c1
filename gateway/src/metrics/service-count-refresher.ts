// Keeps `gateway_service_count` in step with the provider's desired replicas.
import type { FunctionStatus } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';
import type { GatewayConfig } from '../config.js';
import { ProviderClient } from '../provider/provider-client.js';
import { GatewayMetrics } from './gateway-metrics.js';

const NAMESPACES_TTL_MS = 60_000;

/**
 * Polls the provider's function lists: updates the gauge, and drops the series of functions that
 * are gone (deleted, through this gateway or not).
 */
@injectable()
export class ServiceCountRefresher {
  private timer: NodeJS.Timeout | undefined;
  private known: string[] | undefined;
  private knownUntil = 0;
  private readonly defaultNamespace: string;
  private readonly intervalMs: number;

  constructor(
    @inject(ProviderClient) private readonly provider: ProviderClient,
    @inject(GatewayMetrics) private readonly metrics: GatewayMetrics,
    @inject(tokens.GatewayConfig) config: GatewayConfig,
    @inject(tokens.Logger) private readonly logger: Logger,
  ) {
    this.defaultNamespace = config.functionNamespace;
    this.intervalMs = config.serviceCountIntervalMs;
  }

  /** Refreshes now, then every interval until `stop()`. */
  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops polling. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One refresh; failures are logged at debug level and leave the gauge as it was. */
  async refresh(): Promise<void> {
    try {
      const listedAt = Date.now();
      const replicas = new Map<string, number>();
      let complete = true;
      for (const namespace of await this.namespaces()) {
        const answer = await this.provider.call(
          'GET',
          `/system/functions?namespace=${encodeURIComponent(namespace)}`,
        );
        if (answer.status !== 200) {
          complete = false;
          continue;
        }
        for (const fn of JSON.parse(answer.text) as FunctionStatus[]) {
          replicas.set(`${fn.name}.${fn.namespace || namespace}`, fn.replicas);
        }
      }
      this.metrics.setServiceCounts(replicas);
      // A namespace that could not be listed proves nothing gone.
      if (complete) await this.metrics.retain(new Set(replicas.keys()), listedAt);
    } catch (err) {
      this.logger.debug('service count refresh failed', { err: (err as Error).message });
    }
  }

  /** The provider's namespaces, asked for at most once a minute (they rarely change). */
  private async namespaces(): Promise<string[]> {
    if (this.known && Date.now() < this.knownUntil) return this.known;
    const answer = await this.provider.call('GET', '/system/namespaces');
    const listed = answer.status === 200 ? (JSON.parse(answer.text) as unknown) : undefined;
    this.known = Array.isArray(listed) && listed.length > 0 ? listed.map(String) : [this.defaultNamespace];
    this.knownUntil = Date.now() + NAMESPACES_TTL_MS;
    return this.known;
  }
}
