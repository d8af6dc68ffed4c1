import { inject, injectable } from 'inversify';
import { kubeStatus } from '../kube/api-errors.js';
import { NamespaceInformer } from '../kube/informers.js';
import { KubernetesProviderConfig, Logger } from '../tokens.js';
import type { NamespaceLister } from '../tokens.js';

/** The annotation that opens a namespace to functions: `kubectl annotate namespace team-a openfaas=1`. */
export const NAMESPACE_ANNOTATION = 'openfaas';

/** Namespaces that are never served, whatever their annotations say. */
const NEVER = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/**
 * The functions namespace, plus every namespace annotated `openfaas: "1"` (OpenFaaS's convention),
 * from a watch on namespaces. Without permission to list namespaces (no ClusterRoleBinding),
 * only the functions namespace is served, and that is said once in the log.
 */
@injectable()
export class AnnotatedNamespaceLister implements NamespaceLister {
  private started = false;
  private disabled = false;

  constructor(
    @inject(NamespaceInformer) private readonly informer: NamespaceInformer,
    @inject(KubernetesProviderConfig)
    private readonly config: Pick<KubernetesProviderConfig, 'functionNamespace'>,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  async list(): Promise<string[]> {
    const home = this.config.functionNamespace;
    if (this.disabled) return [home];
    if (!this.started) {
      this.started = true;
      this.informer.start();
    }
    try {
      await this.informer.ready(5000);
    } catch (err) {
      if (kubeStatus(err)?.code === 403) {
        this.disabled = true;
        await this.informer.stop();
        this.logger.warn(
          `the service account may not list namespaces: only "${home}" is served (bind the faas-provider-namespaces ClusterRole to serve namespaces annotated ${NAMESPACE_ANNOTATION}=1)`,
        );
      } else {
        this.logger.warn('cannot list namespaces, serving only the functions namespace', {
          error: String(err),
        });
      }
      return [home];
    }
    const annotated = this.informer
      .list()
      .filter((ns) => ['1', 'true'].includes(ns.metadata?.annotations?.[NAMESPACE_ANNOTATION] ?? ''))
      .map((ns) => ns.metadata?.name ?? '')
      .filter((name) => name && name !== home && !NEVER.has(name))
      .sort();
    return [home, ...annotated];
  }
}
