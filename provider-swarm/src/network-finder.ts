// Which network a function joins: the deployment's `network`, else the provider's configured
// network, else the one network labelled `openfaas=true` (as OpenFaaS on Swarm did).
import type Dockerode from 'dockerode';
import { FaasError } from '@faas/contracts';
import { translateDockerError } from './docker-errors.js';
import { NETWORK_LABEL } from './labels.js';

/** Finds the network for a deployment. */
export class NetworkFinder {
  constructor(
    private readonly docker: Dockerode,
    /** The configured default (`FUNCTION_NETWORK`); empty = look up the label. */
    private readonly configured: string,
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
    swarm.sort();
    const first = swarm[0];
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
