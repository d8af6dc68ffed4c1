// ReplicaResolver from the Docker API: the addresses of a function's available tasks (see
// task-readiness.ts) on the function's network, asked of the manager (so it works from anywhere on
// the overlay, and on real clusters with or without IPVS since no virtual IP is involved).
//
// During a rolling update, and after updates that interrupt one another (Swarm then leaves the
// interrupted updates' tasks running, sometimes a dozen, until an update completes), tasks made
// from older specs still run and pass their checks. Once a task made from the current spec is
// available, only such tasks are answered: the status counts exactly those as available, so a
// caller that waited for the function to be ready never reaches an old version. Until then the
// old tasks keep serving (no gap in service), in an answer nobody may cache (ttl 0), because it
// changes the moment a new task is up.
//
// Settled answers are cached briefly: a burst of invocations costs one pair of API calls per TTL,
// and the HTTP layer picks a replica per request from the list. "No replica" is never cached (a
// function waking from zero must be seen the moment its first replica is), and an update made
// through this provider forgets the function's answer at once.
import { WATCHDOG_PORT } from '@faas/contracts';
import type { ReplicaResolver, ResolvedReplicas } from '@faas/provider-http';
import { inject, injectable } from 'inversify';
import { FunctionServices } from '../docker/function-services.js';
import type { ServiceView, TaskView } from '../mapping/function-status.js';
import { isCurrentTask, isRunningTask, markerOf } from '../mapping/function-status.js';
import { taskAddress } from '../docker/task-readiness.js';
import { TaskReadiness } from '../docker/task-readiness.js';
import * as tokens from '../tokens.js';
import { TtlCache } from '../ttl-cache.js';

/** Resolves replicas to task IPs read from the Docker API. */
@injectable()
export class TaskResolver implements ReplicaResolver {
  private readonly cache: TtlCache<string[] | ResolvedReplicas>;

  constructor(
    @inject(FunctionServices)
    private readonly services: Pick<FunctionServices, 'get' | 'runningTasks' | 'onUpdated'>,
    @inject(tokens.ResolverCacheTtl) ttlMs: number,
    @inject(TaskReadiness) private readonly readiness?: TaskReadiness,
  ) {
    this.cache = new TtlCache(ttlMs);
    services.onUpdated((name) => this.cache.delete(name));
  }

  async resolve(name: string): Promise<string[] | ResolvedReplicas> {
    const answer = await this.cache.get(name, async () => {
      const service = await this.services.get(name);
      const tasks = await this.services.runningTasks(service.ID);
      const ready = this.readiness
        ? await this.readiness.available(service, tasks)
        : tasks.filter(isRunningTask);
      return replicasOf(service, ready);
    });
    if (!Array.isArray(answer) || answer.length === 0) this.cache.delete(name);
    return answer;
  }
}

/**
 * The replicas to answer among a service's available tasks: those made from the current spec when
 * there is one (a settled list), else the others, marked not cacheable. Pure.
 */
export function replicasOf(
  service: ServiceView,
  available: readonly TaskView[],
): string[] | ResolvedReplicas {
  const marker = markerOf(service);
  const current = available.filter((task) => isCurrentTask(task, marker));
  const urls = (tasks: readonly TaskView[]): string[] =>
    taskAddresses(service, tasks).map((ip) => `http://${ip}:${WATCHDOG_PORT}`);
  if (current.length > 0 || available.length === 0) return urls(current);
  return { urls: urls(available), ttlSeconds: 0 };
}

/** IPs of the service's tasks that Swarm wants running (not shutting down) on its network. Pure. */
export function taskAddresses(service: ServiceView, tasks: readonly TaskView[]): string[] {
  return tasks
    .filter((task) => task.DesiredState === 'running')
    .map((task) => taskAddress(service, task))
    .filter((ip): ip is string => ip !== undefined);
}
