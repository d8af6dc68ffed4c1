// Which network a function joins: the deployment's `network`, else the provider's configured
// network, else the one network labelled `openfaas=true` (as OpenFaaS on Swarm did).
import type Dockerode from 'dockerode';
import { FaasError } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';
import { translateDockerError } from './docker-errors.js';
import { NETWORK_LABEL } from '../mapping/labels.js';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';

/** Finds the network for a deployment. */
@injectable()
export class NetworkFinder {
  private warned = false;

  constructor(
    @inject(tokens.Docker) private readonly docker: Dockerode,
    /** The configured default (`function_network`); empty = look up the label. */
    @inject(tokens.FunctionNetwork) private readonly configured: string,
    @inject(tokens.Logger) private readonly logger: Logger,
  ) {}

  /** The network to attach a function to, by name or ID. */
  async networkFor(requested: string | undefined): Promise<string> {
    if (requested) return requested;
    if (this.configured) return this.configured;
    let networks: { Name?: string; Driver?: string; Scope?: string }[];
    try {
      networks = await this.docker.listNetworks({ filters: { label: [`${NETWORK_LABEL}=true`] } });
    } catch (err) {
      throw translateDockerError(err, 'find the functions network');
    }
    const swarm = networks.filter((n) => n.Scope === 'swarm').map((n) => n.Name ?? '');
    // Several labelled networks: prefer the stack's `functions`, else the first by name, and say so.
    swarm.sort((a, b) => Number(b === 'functions') - Number(a === 'functions') || a.localeCompare(b));
    const first = swarm[0];
    if (swarm.length > 1 && !this.warned) {
      this.warned = true;
      this.logger.warn(
        `several networks are labelled ${NETWORK_LABEL}=true; functions without one join ${first}`,
        {
          networks: swarm,
        },
      );
    }
    if (first === undefined) {
      throw new FaasError(
        'UNAVAILABLE',
        `no network given and none labelled ${NETWORK_LABEL}=true: create one with ` +
          `docker network create --driver overlay --attachable --label ${NETWORK_LABEL}=true functions`,
      );
    }
    return first;
  }
}
