import { AppsV1Api, CoreV1Api, DiscoveryV1Api, Log } from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';

/** The typed Kubernetes clients the provider uses, all from one KubeConfig. */
export interface KubeClients {
  /** Where and how to reach the API server. */
  config: KubeConfig;
  /** Deployments and their scale. */
  apps: AppsV1Api;
  /** Services, Secrets, Pods, Namespaces. */
  core: CoreV1Api;
  /** EndpointSlices. */
  discovery: DiscoveryV1Api;
  /** Container logs (streamed). */
  logs: Log;
}

/** Builds the clients from a loaded KubeConfig. */
export function createKubeClients(config: KubeConfig): KubeClients {
  return {
    config,
    apps: config.makeApiClient(AppsV1Api),
    core: config.makeApiClient(CoreV1Api),
    discovery: config.makeApiClient(DiscoveryV1Api),
    logs: new Log(config),
  };
}
/** Injection token of {@link KubeClients}. */
export const KubeClients = Symbol('KubeClients');
