// What kube-controller-manager and the kubelet would do, played by the test: EndpointSlices a
// test moves between ready and not ready, pods with logs, Deployment status. Every change goes
// through the store, so watches see it exactly as they would see the real controllers' writes.
import type { PodLogs } from './logs.js';
import { resourceTypes } from './resources.js';
import type { ResourceType } from './resources.js';
import type { KubeObject, ObjectStore } from './store.js';

const type = (plural: string) => resourceTypes[plural] as ResourceType;

/** One address of a Service, as a test describes it. */
export interface FakeEndpoint {
  /** Pod IP (127.0.0.1 in tests, so the provider reaches a real local watchdog). */
  ip: string;
  /** Port of the `http` port; EndpointSlices with different ports are separate slices, as in Kubernetes. */
  port: number;
  /** conditions.ready. */
  ready: boolean;
  /** The pod behind it (targetRef). */
  pod?: string;
}

/** The controllers' part, driven by tests. */
export class FakeControllers {
  constructor(
    private readonly store: ObjectStore,
    private readonly logs: PodLogs,
  ) {}

  /** Replaces a Service's EndpointSlices with these endpoints (one slice per port). */
  setEndpoints(namespace: string, service: string, endpoints: FakeEndpoint[]): void {
    const slices = type('endpointslices');
    const byPort = new Map<number, FakeEndpoint[]>();
    for (const e of endpoints) byPort.set(e.port, [...(byPort.get(e.port) ?? []), e]);
    const wanted = new Set([...byPort.keys()].map((port) => `${service}-${port}`));
    for (const old of this.store.list(slices, namespace)) {
      const owned = old.metadata.labels?.['kubernetes.io/service-name'] === service;
      if (owned && !wanted.has(old.metadata.name)) this.store.delete(slices, namespace, old.metadata.name);
    }
    for (const [port, group] of byPort) {
      const slice: KubeObject = {
        metadata: {
          name: `${service}-${port}`,
          namespace,
          labels: {
            'kubernetes.io/service-name': service,
            'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
          },
        },
        addressType: 'IPv4',
        endpoints: group.map((e) => ({
          addresses: [e.ip],
          conditions: { ready: e.ready, serving: e.ready, terminating: false },
          ...(e.pod ? { targetRef: { kind: 'Pod', name: e.pod, namespace } } : {}),
        })),
        ports: [{ name: 'http', port, protocol: 'TCP' }],
      };
      const existing = this.store.find(slices, namespace, slice.metadata.name);
      if (existing) this.store.update(slices, slice);
      else this.store.create(slices, slice);
    }
  }

  /** Creates a running pod with one container and the given labels. */
  addPod(namespace: string, name: string, labels: Record<string, string>, container: string): void {
    this.store.create(type('pods'), {
      metadata: { name, namespace, labels },
      spec: { containers: [{ name: container, image: 'fake' }] },
      status: { phase: 'Running', podIP: '127.0.0.1' },
    });
  }

  /** Appends a line to a pod container's log. */
  log(namespace: string, pod: string, container: string, text: string, time?: Date): void {
    this.logs.append(namespace, pod, container, text, time);
  }

  /** Sets a Deployment's status, as the deployment controller does. */
  setDeploymentStatus(namespace: string, name: string, available: number): void {
    const d = this.store.get(type('deployments'), namespace, name);
    const replicas = (d.spec?.replicas as number | undefined) ?? 1;
    const status = {
      observedGeneration: d.metadata.generation,
      ...(replicas > 0 ? { replicas, updatedReplicas: replicas } : {}),
      ...(available > 0 ? { readyReplicas: available, availableReplicas: available } : {}),
    };
    const annotations = {
      ...d.metadata.annotations,
      'deployment.kubernetes.io/revision': String(d.metadata.generation ?? 1),
    };
    this.store.update(type('deployments'), { ...d, metadata: { ...d.metadata, annotations }, status });
  }
}
