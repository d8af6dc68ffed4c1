// The functions' Swarm services: find, list, read tasks and update with optimistic retries. Only
// services labelled `com.openfaas.function` are functions; every other service (the stack's own
// gateway, anything an operator runs) is invisible here, so no request can touch it.
import type Dockerode from 'dockerode';
import { FaasError, rules } from '@faas/contracts';
import { isDockerNotFound, isOutOfSequence, translateDockerError } from './docker-errors.js';
import { isFunctionService } from '../mapping/function-status.js';
import type { ServiceView, TaskView } from '../mapping/function-status.js';
import { serviceLabels } from '../mapping/labels.js';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';

const UPDATE_ATTEMPTS = 5;

/** Docker access shared by the Swarm roles. */
@injectable()
export class FunctionServices {
  private readonly updatedListeners: ((name: string) => void)[] = [];

  constructor(@inject(tokens.Docker) private readonly docker: Dockerode) {}

  /** Calls `listener` with a function's name each time `update` has changed its spec. */
  onUpdated(listener: (name: string) => void): void {
    this.updatedListeners.push(listener);
  }

  /** The function's service, or undefined when there is none (or it is not a function). */
  async find(name: string): Promise<ServiceView | undefined> {
    // No function has a name deploy refuses, and dockerode puts the name in the API path as it is.
    if (!rules.functionName.test(name)) return undefined;
    try {
      const service = (await this.docker.getService(name).inspect()) as ServiceView;
      // Inspect also matches IDs and ID prefixes; a function is found by its exact name only.
      return isFunctionService(service) && service.Spec?.Name === name ? service : undefined;
    } catch (err) {
      if (isDockerNotFound(err)) return undefined;
      throw translateDockerError(err, `read function ${name}`);
    }
  }

  /** The function's service; FUNCTION_NOT_FOUND when missing. */
  async get(name: string): Promise<ServiceView> {
    const service = await this.find(name);
    if (!service) throw new FaasError('FUNCTION_NOT_FOUND', `function ${name} not found`);
    return service;
  }

  /** Every function's service. */
  async list(): Promise<ServiceView[]> {
    try {
      const services = (await this.docker.listServices({
        filters: { label: [serviceLabels.function] },
      })) as unknown as ServiceView[];
      return services.filter(isFunctionService);
    } catch (err) {
      throw translateDockerError(err, 'list functions');
    }
  }

  /** Tasks Swarm wants running, of one service (by name or ID) or of all when none is given. */
  async runningTasks(service?: string): Promise<TaskView[]> {
    const filters: Record<string, string[]> = { 'desired-state': ['running'] };
    if (service) filters.service = [service];
    try {
      return (await this.docker.listTasks({ filters })) as TaskView[];
    } catch (err) {
      throw translateDockerError(err, `list tasks${service ? ` of ${service}` : ''}`);
    }
  }

  /** Every task of a service, whatever its state (newest first): for errors and logs. */
  async allTasks(service: string): Promise<TaskView[]> {
    try {
      const tasks = (await this.docker.listTasks({ filters: { service: [service] } })) as TaskView[];
      return tasks.sort((a, b) => (b.Status?.Timestamp ?? '').localeCompare(a.Status?.Timestamp ?? ''));
    } catch (err) {
      throw translateDockerError(err, `list tasks of ${service}`);
    }
  }

  /**
   * Replaces a function's spec with `change(current)`. Re-reads and retries when another writer
   * updated the service in between (Swarm's "update out of sequence").
   */
  async update(name: string, change: (current: ServiceView) => Dockerode.ServiceSpec): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(name);
      try {
        await this.docker
          .getService(current.ID)
          .update({ ...change(current), version: current.Version?.Index });
        for (const listener of this.updatedListeners) listener(name);
        return;
      } catch (err) {
        if (isOutOfSequence(err) && attempt < UPDATE_ATTEMPTS) continue;
        throw translateDockerError(err, `update function ${name}`, 'FUNCTION_NOT_FOUND');
      }
    }
  }
}
