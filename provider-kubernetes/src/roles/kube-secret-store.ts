import { inject, injectable } from 'inversify';
import type { V1Secret } from '@kubernetes/client-node';
import { FaasError, secretBytes } from '@faas/contracts';
import type { Secret, SecretDescription } from '@faas/contracts';
import { KubeClients } from '../kube/clients.js';
import { isConflict, translateApiError } from '../kube/api-errors.js';
import { MANAGED_BY, MANAGED_BY_LABEL } from '../mapping/labels.js';
import type { SecretStore } from '../tokens.js';
import { unavailable } from './unavailable.js';

const MANAGED = `${MANAGED_BY_LABEL}=${MANAGED_BY}`;

/**
 * Secrets as Opaque Kubernetes Secrets labelled `app.kubernetes.io/managed-by=faas`, one key named
 * after the secret (the file name in `/var/openfaas/secrets`). Values are never read back. Only
 * secrets this provider created are listed, changed or removed; others are left to kubectl.
 * Kubernetes refreshes mounted secret files by itself (within the kubelet's sync period), so an
 * update does not restart the functions that use it.
 */
@injectable()
export class KubeSecretStore implements SecretStore {
  constructor(@inject(KubeClients) private readonly clients: KubeClients) {}

  async list(namespace: string): Promise<SecretDescription[]> {
    try {
      const list = await this.clients.core.listNamespacedSecret({ namespace, labelSelector: MANAGED });
      return list.items
        .map((s) => ({ name: s.metadata?.name ?? '', namespace }))
        .sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) {
      throw unavailable(namespace, 'secrets')(err);
    }
  }

  async create(secret: Secret, namespace: string): Promise<void> {
    try {
      await this.clients.core.createNamespacedSecret({ namespace, body: toSecret(secret, namespace) });
    } catch (err) {
      throw translateApiError(err, { what: 'secret', name: secret.name, namespace });
    }
  }

  async update(secret: Secret, namespace: string): Promise<void> {
    const context = { what: 'secret', name: secret.name, namespace } as const;
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = await this.managed(secret.name, namespace);
        const body = toSecret(secret, namespace);
        body.metadata = { ...body.metadata, resourceVersion: existing.metadata?.resourceVersion };
        await this.clients.core.replaceNamespacedSecret({ name: secret.name, namespace, body });
        return;
      } catch (err) {
        if (!isConflict(err) || attempt >= 3) throw translateApiError(err, context);
      }
    }
  }

  async remove(name: string, namespace: string): Promise<void> {
    try {
      await this.managed(name, namespace);
      await this.clients.core.deleteNamespacedSecret({ name, namespace });
    } catch (err) {
      throw translateApiError(err, { what: 'secret', name, namespace });
    }
  }

  /** The secret, if this provider manages it; 404 when missing, 403 when someone else's. */
  private async managed(name: string, namespace: string): Promise<V1Secret> {
    const existing = await this.clients.core.readNamespacedSecret({ name, namespace });
    if (existing.metadata?.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY) {
      throw new FaasError(
        'FORBIDDEN',
        `secret "${name}" in namespace "${namespace}" was not created through faas (no label ${MANAGED}); change it with kubectl`,
      );
    }
    return existing;
  }
}

/** The Kubernetes Secret for a contract secret: Opaque, labelled, one key named after it. */
export function toSecret(secret: Secret, namespace: string): V1Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: secret.name, namespace, labels: { [MANAGED_BY_LABEL]: MANAGED_BY } },
    type: 'Opaque',
    data: { [secret.name]: secretBytes(secret).toString('base64') },
  };
}
