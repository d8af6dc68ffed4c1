import { randomBytes } from 'node:crypto';
import { inject, injectable } from 'inversify';
import type { V1Deployment, V1Service } from '@kubernetes/client-node';
import { FaasError, readScalingLabels } from '@faas/contracts';
import type { FunctionDeployment } from '@faas/contracts';
import { KubeClients } from '../kube/clients.js';
import { isConflict, isNotFound, translateApiError } from '../kube/api-errors.js';
import { atLeastVersion } from '../kube/informer-cache.js';
import { FunctionInformers } from '../kube/informers.js';
import { readPlacement } from '../mapping/constraints.js';
import { toDeployment } from '../mapping/deployment-object.js';
import { replacementService, toService } from '../mapping/service-object.js';
import { FunctionObjectOptions, Logger } from '../tokens.js';
import type { FunctionDeployer } from '../tokens.js';

/**
 * How many times an update retries after another writer changed the Deployment (409 Conflict):
 * during a rollout the Deployment controller writes its status every few hundred ms, each a new
 * resourceVersion, so retries back off a little (50, 100, 150, … ms).
 */
const UPDATE_ATTEMPTS = 6;
const UPDATE_BACKOFF_MS = 50;

/** A fresh value for the pod-template `uid` label: a valid label value, new on every call. */
export function rolloutId(): string {
  return `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

/** Functions as a Deployment plus a ClusterIP Service each (provider-kubernetes/README.md). */
@injectable()
export class KubeDeployer implements FunctionDeployer {
  constructor(
    @inject(KubeClients) private readonly clients: KubeClients,
    @inject(FunctionInformers) private readonly functions: FunctionInformers,
    @inject(FunctionObjectOptions) private readonly options: FunctionObjectOptions,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  async deploy(fn: FunctionDeployment, namespace: string): Promise<void> {
    const context = { what: 'function', name: fn.service, namespace } as const;
    await this.checkSecrets(fn, namespace);
    const { value: scaling, warnings } = readScalingLabels(fn.labels);
    for (const warning of warnings) this.logger.warn(warning, { function: fn.service, namespace });
    this.noteIgnoredConstraints(fn, namespace);
    const body = toDeployment(fn, namespace, this.options, {
      replicas: scaling.min,
      uid: rolloutId(),
      generation: 1,
    });
    let created: V1Deployment;
    try {
      created = await this.clients.apps.createNamespacedDeployment({ namespace, body });
    } catch (err) {
      // On create, 404 can only mean the namespace itself is missing.
      if (isNotFound(err)) throw new FaasError('NOT_FOUND', `namespace "${namespace}" does not exist`);
      throw translateApiError(err, context);
    }
    try {
      await this.applyService(toService(fn, namespace), namespace);
    } catch (err) {
      // Without its Service the function cannot be reached: undo, so a corrected deploy can succeed.
      await this.clients.apps
        .deleteNamespacedDeployment({ name: fn.service, namespace })
        .catch(() => undefined);
      throw translateApiError(err, context);
    }
    await this.visible(namespace, fn.service, created.metadata?.resourceVersion);
  }

  async update(fn: FunctionDeployment, namespace: string): Promise<void> {
    const context = { what: 'function', name: fn.service, namespace } as const;
    await this.checkSecrets(fn, namespace);
    this.noteIgnoredConstraints(fn, namespace);
    let replaced: V1Deployment | undefined;
    for (let attempt = 1; !replaced; attempt++) {
      try {
        const existing = await this.clients.apps.readNamespacedDeployment({ name: fn.service, namespace });
        const body = toDeployment(fn, namespace, this.options, {
          replicas: existing.spec?.replicas ?? 1,
          uid: rolloutId(),
          generation: (existing.metadata?.generation ?? 0) + 1,
        });
        body.metadata = { ...body.metadata, resourceVersion: existing.metadata?.resourceVersion };
        replaced = await this.clients.apps.replaceNamespacedDeployment({ name: fn.service, namespace, body });
      } catch (err) {
        if (!isConflict(err) || attempt >= UPDATE_ATTEMPTS) throw translateApiError(err, context);
        await new Promise((resolve) => setTimeout(resolve, UPDATE_BACKOFF_MS * attempt));
      }
    }
    try {
      await this.applyService(toService(fn, namespace), namespace);
    } catch (err) {
      throw translateApiError(err, context);
    }
    await this.visible(namespace, fn.service, replaced.metadata?.resourceVersion);
  }

  /** Swarm constraints with no Kubernetes meaning are dropped from the nodeSelector: say which. */
  private noteIgnoredConstraints(fn: FunctionDeployment, namespace: string): void {
    const { ignored } = readPlacement(fn.constraints);
    if (ignored.length > 0) {
      this.logger.debug('Swarm constraints ignored: no Kubernetes node label means them', {
        function: fn.service,
        namespace,
        constraints: ignored,
      });
    }
  }

  async remove(name: string, namespace: string): Promise<void> {
    try {
      await this.clients.apps.deleteNamespacedDeployment({
        name,
        namespace,
        propagationPolicy: 'Background',
      });
    } catch (err) {
      throw translateApiError(err, { what: 'function', name, namespace });
    }
    await this.clients.core.deleteNamespacedService({ name, namespace }).catch((err: unknown) => {
      if (!isNotFound(err)) throw translateApiError(err, { what: 'function', name, namespace });
    });
    await this.waitForCache(namespace, name, (d) => d === undefined);
  }

  /** Creates the Service, or replaces one left behind (keeping its cluster IP). */
  private async applyService(desired: V1Service, namespace: string): Promise<void> {
    const name = desired.metadata?.name as string;
    try {
      await this.clients.core.createNamespacedService({ namespace, body: desired });
    } catch (err) {
      if (!isConflict(err)) throw err;
      const existing = await this.clients.core.readNamespacedService({ name, namespace });
      await this.clients.core.replaceNamespacedService({
        name,
        namespace,
        body: replacementService(desired, existing),
      });
    }
  }

  /** A function that mounts a missing secret would never start: refuse it with 400 up front. */
  private async checkSecrets(fn: FunctionDeployment, namespace: string): Promise<void> {
    for (const name of new Set(fn.secrets ?? [])) {
      try {
        await this.clients.core.readNamespacedSecret({ name, namespace });
      } catch (err) {
        if (!isNotFound(err)) throw translateApiError(err, { what: 'secret', name, namespace });
        throw new FaasError(
          'INVALID_REQUEST',
          `invalid deployment: secrets: "${name}" does not exist in namespace "${namespace}"; create it first (faas-cli secret create ${name})`,
          [{ field: 'secrets', message: `"${name}" does not exist` }],
        );
      }
    }
  }

  /** Waits until the informer has seen this write, so an immediate list or get shows it. */
  private async visible(namespace: string, name: string, resourceVersion: string | undefined): Promise<void> {
    await this.waitForCache(namespace, name, (d) =>
      atLeastVersion(d?.metadata?.resourceVersion, resourceVersion),
    );
  }

  /** The write succeeded; a cache that cannot confirm it yet is logged, not an error for the caller. */
  private async waitForCache(
    namespace: string,
    name: string,
    seen: (deployment: V1Deployment | undefined) => boolean,
  ): Promise<void> {
    try {
      const cache = await this.functions.in(namespace);
      if (await cache.waitUntil(() => seen(cache.get(name, namespace)))) return;
      this.logger.warn('the watch has not delivered a write yet', { function: name, namespace });
    } catch (err) {
      this.logger.warn('cannot watch functions to confirm a write', { namespace, error: String(err) });
    }
  }
}
