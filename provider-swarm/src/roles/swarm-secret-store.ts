// SecretStore on Swarm. Swarm secrets cannot change, so `update` writes a new version, moves every
// function that mounts the secret to it (which rolls their tasks: they read the new value), then
// removes the old versions. OpenFaaS answered 405 here. Values are never read back.
import type Dockerode from 'dockerode';
import { FaasError, secretBytes, SECRETS_MOUNT_PATH } from '@faas/contracts';
import type { Secret, SecretDescription } from '@faas/contracts';
import type { SecretStore } from '@faas/provider-http';
import type { Logger } from '@faas/service-kit';
import { randomUUID } from 'node:crypto';
import { isDockerNotFound, translateDockerError } from '../docker/docker-errors.js';
import { FunctionServices } from '../docker/function-services.js';
import type { ServiceView } from '../mapping/function-status.js';
import { containerLabels, secretLabels } from '../mapping/labels.js';
import { checkSecretNameLength, newestByName, swarmSecretName } from '../docker/secret-versions.js';
import { SecretVersions } from '../docker/secret-versions.js';
import type { SecretVersion } from '../docker/secret-versions.js';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';

/** Keeps function secrets as labelled, versioned Swarm secrets. */
@injectable()
export class SwarmSecretStore implements SecretStore {
  constructor(
    @inject(tokens.Docker) private readonly docker: Dockerode,
    @inject(SecretVersions) private readonly versions: SecretVersions,
    @inject(FunctionServices) private readonly services: FunctionServices,
    @inject(tokens.Logger) private readonly logger: Logger,
  ) {}

  async list(namespace: string): Promise<SecretDescription[]> {
    const names = Object.keys(newestByName(await this.versions.list())).sort();
    return names.map((name) => ({ name, namespace }));
  }

  async create(secret: Secret, _namespace: string): Promise<void> {
    checkSecretNameLength(secret.name);
    if ((await this.versions.list(secret.name)).length > 0) {
      throw new FaasError('CONFLICT', `secret ${secret.name} already exists`);
    }
    await this.write(secret, 1);
  }

  async update(secret: Secret, _namespace: string): Promise<void> {
    const old = await this.versions.list(secret.name);
    const newest = newestByName(old)[secret.name];
    if (!newest) throw new FaasError('NOT_FOUND', `secret ${secret.name} not found`);
    const next = await this.write(secret, newest.version + 1);
    for (const service of await this.users(secret.name)) {
      await this.services.update(service.Spec?.Name ?? service.ID, (current) =>
        repoint(current, secret.name, next),
      );
      this.logger.info('function moved to new secret version', {
        function: service.Spec?.Name,
        secret: secret.name,
        version: next.version,
      });
    }
    await this.removeVersions(old, false);
  }

  async remove(name: string, _namespace: string): Promise<void> {
    const versions = await this.versions.list(name);
    if (versions.length === 0) throw new FaasError('NOT_FOUND', `secret ${name} not found`);
    const users = await this.users(name);
    if (users.length > 0) {
      const names = users.map((s) => s.Spec?.Name).join(', ');
      throw new FaasError('CONFLICT', `secret ${name} is in use by: ${names}`);
    }
    await this.removeVersions(versions, true);
  }

  private async write(secret: Secret, version: number): Promise<SecretVersion> {
    const swarmName = swarmSecretName(secret.name, version);
    try {
      const created = await this.docker.createSecret({
        Name: swarmName,
        Labels: {
          [secretLabels.owner]: 'true',
          [secretLabels.name]: secret.name,
          [secretLabels.version]: String(version),
        },
        Data: secretBytes(secret).toString('base64'),
      });
      return { id: (created as unknown as { id: string }).id, swarmName, name: secret.name, version };
    } catch (err) {
      throw translateDockerError(err, `write secret ${secret.name}`);
    }
  }

  /** Functions that mount any version of the secret. */
  private async users(name: string): Promise<ServiceView[]> {
    const target = `${SECRETS_MOUNT_PATH}/${name}`;
    return (await this.services.list()).filter((s) => secretsOf(s).some((ref) => ref.File?.Name === target));
  }

  /**
   * Removes versions. On update a version still in use (a task being replaced) is left behind with
   * a warning: the next update or remove of the secret deletes it.
   */
  private async removeVersions(versions: readonly SecretVersion[], strict: boolean): Promise<void> {
    for (const v of versions) {
      try {
        await this.docker.getSecret(v.id).remove();
      } catch (err) {
        if (isDockerNotFound(err)) continue;
        if (strict) throw translateDockerError(err, `remove secret ${v.name}`);
        this.logger.warn('old secret version not removed yet', { secret: v.swarmName, reason: String(err) });
      }
    }
  }
}

function secretsOf(service: ServiceView): Dockerode.SecretReference[] {
  const template = service.Spec?.TaskTemplate;
  return (template && 'ContainerSpec' in template ? template.ContainerSpec?.Secrets : undefined) ?? [];
}

/** The service's spec with the secret's reference moved to `next`, and a new update marker. */
function repoint(service: ServiceView, name: string, next: SecretVersion): Dockerode.ServiceSpec {
  const spec = structuredClone(service.Spec ?? {});
  const template = spec.TaskTemplate as Dockerode.ContainerTaskSpec;
  const container = template.ContainerSpec ?? {};
  container.Secrets = (container.Secrets ?? []).map((ref) =>
    ref.File?.Name === `${SECRETS_MOUNT_PATH}/${name}`
      ? { ...ref, SecretID: next.id, SecretName: next.swarmName }
      : ref,
  );
  container.Labels = { ...container.Labels, [containerLabels.updateMarker]: randomUUID() };
  return spec;
}
