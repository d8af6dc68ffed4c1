// FunctionDeployer on Swarm: one service per function. Creating a service never asks a registry:
// the Docker API (≥ 1.30) only resolves image digests when a client asks, and we never do, so
// images built on the node deploy offline (the CLI's `--no-resolve-image`).
import { randomUUID } from 'node:crypto';
import type Dockerode from 'dockerode';
import { readScalingLabels } from '@faas/contracts';
import type { FunctionDeployment } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';
import type { FunctionDeployer } from '@faas/provider-http';
import { translateDockerError } from '../docker/docker-errors.js';
import { desiredReplicas } from '../mapping/function-status.js';
import { FunctionServices } from '../docker/function-services.js';
import { NetworkFinder } from '../docker/network-finder.js';
import { SecretVersions } from '../docker/secret-versions.js';
import { toServiceSpec } from '../mapping/service-spec.js';
import type { SpecContext } from '../mapping/service-spec.js';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';

/** Deploys, updates and removes functions as Swarm services. */
@injectable()
export class SwarmDeployer implements FunctionDeployer {
  constructor(
    @inject(tokens.Docker) private readonly docker: Dockerode,
    @inject(FunctionServices) private readonly services: FunctionServices,
    @inject(SecretVersions) private readonly secrets: SecretVersions,
    @inject(NetworkFinder) private readonly networks: NetworkFinder,
    @inject(tokens.Logger) private readonly logger: Logger,
    /** Health-check interval for function tasks, ms (0 = the image's). */
    @inject(tokens.HealthIntervalMs) private readonly healthIntervalMs: number,
  ) {}

  async deploy(deployment: FunctionDeployment, namespace: string): Promise<void> {
    const name = deployment.service;
    const { value: scaling, warnings } = readScalingLabels(deployment.labels);
    for (const warning of warnings) this.logger.warn(`function ${name}: ${warning}`);
    const spec = toServiceSpec(deployment, await this.context(deployment, namespace, scaling.min));
    try {
      await this.docker.createService(spec);
    } catch (err) {
      throw translateDockerError(err, `deploy function ${name}`);
    }
    this.logger.info('function deployed', { function: name, image: deployment.image });
  }

  async update(deployment: FunctionDeployment, namespace: string): Promise<void> {
    const name = deployment.service;
    const current = await this.services.get(name);
    const context = await this.context(deployment, namespace, desiredReplicas(current));
    // Replicas are read again inside update(): a scale racing this update keeps its count.
    await this.services.update(name, (latest) =>
      toServiceSpec(deployment, { ...context, replicas: desiredReplicas(latest) }),
    );
    this.logger.info('function updated', { function: name, image: deployment.image });
  }

  async remove(name: string, _namespace: string): Promise<void> {
    const service = await this.services.get(name);
    try {
      await this.docker.getService(service.ID).remove();
    } catch (err) {
      throw translateDockerError(err, `remove function ${name}`, 'FUNCTION_NOT_FOUND');
    }
    this.logger.info('function removed', { function: name });
  }

  private async context(
    deployment: FunctionDeployment,
    namespace: string,
    replicas: number,
  ): Promise<SpecContext> {
    const [network, secrets] = await Promise.all([
      this.networks.networkFor(deployment.network),
      this.secrets.current(deployment.secrets ?? []),
    ]);
    return {
      namespace,
      network,
      secrets,
      replicas,
      updateMarker: randomUUID(),
      healthIntervalMs: this.healthIntervalMs,
    };
  }
}
