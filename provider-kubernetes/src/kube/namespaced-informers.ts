import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from '@faas/service-kit';
import { InformerCache } from './informer-cache.js';
import type { InformerSource } from './informer-cache.js';

/**
 * One informer cache per namespace, started on first use: the provider watches only namespaces it
 * is asked about, with namespace-scoped permissions (a Role per namespace, no cluster-wide list).
 */
export class NamespacedInformers<T extends KubernetesObject> {
  private readonly caches = new Map<string, InformerCache<T>>();

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly sourceFor: (namespace: string) => InformerSource<T>,
    private readonly logger: Logger,
    private readonly retryMs = 2000,
  ) {}

  /** The synced cache of a namespace (started and awaited on first use). */
  async in(namespace: string): Promise<InformerCache<T>> {
    let cache = this.caches.get(namespace);
    if (!cache) {
      cache = new InformerCache(
        this.kubeConfig,
        this.sourceFor(namespace),
        this.logger,
        this.retryMs,
      ).start();
      this.caches.set(namespace, cache);
    }
    await cache.ready();
    return cache;
  }

  /** Stops every cache. */
  async stop(): Promise<void> {
    await Promise.all([...this.caches.values()].map((c) => c.stop()));
    this.caches.clear();
  }
}
