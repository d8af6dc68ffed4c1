import { inject, injectable } from 'inversify';
import { createProviderApp } from '@faas/provider-http';
import type { ProviderApp } from '@faas/provider-http';
import { ProviderCredentials } from './credentials.js';
import { KubeClients } from './kube/clients.js';
import { checkCluster } from './kube/check-cluster.js';
import { EndpointSliceInformers, FunctionInformers, NamespaceInformer } from './kube/informers.js';
import { KubernetesProviderConfig, Logger, ProviderRoles } from './tokens.js';

/** The provider process's one object: the HTTP app over the roles, plus start and stop. */
@injectable()
export class KubernetesProvider {
  /** The request listener: `http.createServer(provider.app)`. */
  readonly app: ProviderApp;

  constructor(
    @inject(ProviderRoles) roles: ProviderRoles,
    @inject(ProviderCredentials) credentials: ProviderCredentials,
    @inject(KubernetesProviderConfig) private readonly config: KubernetesProviderConfig,
    @inject(Logger) logger: Logger,
    @inject(KubeClients) private readonly clients: KubeClients,
    @inject(FunctionInformers) private readonly functions: FunctionInformers,
    @inject(EndpointSliceInformers) private readonly slices: EndpointSliceInformers,
    @inject(NamespaceInformer) private readonly namespaces: NamespaceInformer,
  ) {
    this.app = createProviderApp(roles, {
      logger,
      auth: credentials.auth,
      invokeTimeoutMs: config.invokeTimeout,
    });
  }

  /**
   * Checks the cluster (fails with the fix when it cannot be used) and warms the caches of the
   * functions namespace, so the first requests do not wait for a list.
   */
  async start(source: string): Promise<void> {
    await checkCluster(this.clients, this.config.functionNamespace, source);
    await Promise.all([
      this.functions.in(this.config.functionNamespace),
      this.slices.in(this.config.functionNamespace),
    ]);
  }

  /** Stops every watch and closes pooled upstream connections; the caller closes its server first. */
  async close(): Promise<void> {
    this.app.close();
    await Promise.all([this.functions.stop(), this.slices.stop(), this.namespaces.stop()]);
  }
}
