// FunctionReader and FunctionScaler on Swarm: status from the service spec and its tasks;
// availableReplicas counts the tasks TaskReadiness accepts.
import { setNotReadyReason } from '@faas/contracts';
import type { FunctionStatus } from '@faas/contracts';
import type { FunctionReader, FunctionScaler } from '@faas/provider-http';
import type { Logger } from '@faas/service-kit';
import { notReadyReason, toFunctionStatus } from '../mapping/function-status.js';
import type { TaskView } from '../mapping/function-status.js';
import { FunctionServices } from '../docker/function-services.js';
import type { ServiceView } from '../mapping/function-status.js';
import { TaskReadiness } from '../docker/task-readiness.js';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';

/** Reads functions from their services and tasks. */
@injectable()
export class SwarmReader implements FunctionReader {
  constructor(
    @inject(FunctionServices) private readonly services: FunctionServices,
    @inject(tokens.Namespace) private readonly namespace: string,
    @inject(TaskReadiness) private readonly readiness: TaskReadiness,
  ) {}

  async list(namespace: string): Promise<FunctionStatus[]> {
    if (namespace !== this.namespace) return [];
    const [services, tasks] = await Promise.all([this.services.list(), this.services.runningTasks()]);
    const byService = new Map<string, TaskView[]>();
    for (const task of tasks) {
      const list = byService.get(task.ServiceID ?? '') ?? [];
      list.push(task);
      byService.set(task.ServiceID ?? '', list);
    }
    const statuses = await Promise.all(
      services.map((s) => this.statusOf(s, byService.get(s.ID) ?? [], namespace)),
    );
    return statuses.sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(name: string, namespace: string): Promise<FunctionStatus | undefined> {
    if (namespace !== this.namespace) return undefined;
    const service = await this.services.find(name);
    if (!service) return undefined;
    const status = await this.statusOf(service, await this.services.runningTasks(service.ID), namespace);
    if (status.availableReplicas < status.replicas) {
      // The reason is extra: a status without it beats no status.
      const tasks = await this.services.allTasks(service.ID).catch(() => []);
      setNotReadyReason(status, notReadyReason(service, tasks));
    }
    return status;
  }

  private async statusOf(
    service: ServiceView,
    tasks: TaskView[],
    namespace: string,
  ): Promise<FunctionStatus> {
    const ready = new Set(await this.readiness.available(service, tasks));
    return toFunctionStatus(service, tasks, namespace, (task) => ready.has(task));
  }
}

/** Sets a function's desired replicas; never rolls its tasks. */
@injectable()
export class SwarmScaler implements FunctionScaler {
  constructor(
    @inject(FunctionServices) private readonly services: FunctionServices,
    @inject(tokens.Logger) private readonly logger: Logger,
  ) {}

  async scale(name: string, _namespace: string, replicas: number): Promise<void> {
    await this.services.update(name, (current) => ({
      ...current.Spec,
      Mode: { Replicated: { Replicas: replicas } },
    }));
    this.logger.info('function scaled', { function: name, replicas });
  }
}
