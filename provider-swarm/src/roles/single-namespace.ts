// Swarm has no namespaces. The provider serves exactly one, `openfaas-fn` (the OpenFaaS default),
// reports it on every function, and the HTTP layer refuses any other with 400.
import type { NamespaceLister } from '@faas/provider-http';

/** A NamespaceLister with one namespace. */
export class SingleNamespace implements NamespaceLister {
  constructor(private readonly namespace: string) {}

  async list(): Promise<string[]> {
    return [this.namespace];
  }
}
