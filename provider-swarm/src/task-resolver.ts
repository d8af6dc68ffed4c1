// ReplicaResolver from the Docker API: the addresses of a function's available tasks (see
// task-readiness.ts) on the function's network, asked of the manager (so it works from anywhere on
// the overlay, and on real clusters with or without IPVS since no virtual IP is involved). Answers
// with replicas are cached briefly: a burst of invocations costs one pair of API calls per TTL, and
// the HTTP layer picks a replica per request from the list. "No replica" is never cached: a
// function waking from zero must be seen the moment its first replica is.
import { WATCHDOG_PORT } from '@faas/contracts';
import type { ReplicaResolver } from '@faas/provider-http';
import type { FunctionServices } from './function-services.js';
import type { ServiceView, TaskView } from './function-status.js';
import { isRunningTask } from './function-status.js';
import { taskAddress } from './task-readiness.js';
import type { TaskReadiness } from './task-readiness.js';
import { TtlCache } from './ttl-cache.js';

/** Resolves replicas to task IPs read from the Docker API. */
export class TaskResolver implements ReplicaResolver {
  private readonly cache: TtlCache<string[]>;

  constructor(
    private readonly services: Pick<FunctionServices, 'get' | 'runningTasks'>,
    ttlMs: number,
    private readonly readiness?: TaskReadiness,
  ) {
    this.cache = new TtlCache(ttlMs);
  }

  async resolve(name: string): Promise<string[]> {
    const urls = await this.cache.get(name, async () => {
      const service = await this.services.get(name);
      const tasks = await this.services.runningTasks(service.ID);
      const ready = this.readiness
        ? await this.readiness.available(service, tasks)
        : tasks.filter(isRunningTask);
      return taskAddresses(service, ready).map((ip) => `http://${ip}:${WATCHDOG_PORT}`);
    });
    if (urls.length === 0) this.cache.delete(name);
    return urls;
  }
}

/** IPs of the service's running tasks on the service's (first) network. Pure. */
export function taskAddresses(service: ServiceView, tasks: readonly TaskView[]): string[] {
  return tasks
    .filter((task) => task.DesiredState === 'running')
    .map((task) => taskAddress(service, task))
    .filter((ip): ip is string => ip !== undefined);
}
