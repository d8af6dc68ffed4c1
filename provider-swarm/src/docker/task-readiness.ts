// Which of a service's tasks are available, by the rule of availability.ts: Docker's verdict from
// the task state (and whether the container has a health check at all), else the readiness probe
// on the task's address. Shared by the status (availableReplicas) and the replica resolver, so the
// gateway never sees a replica counted that it cannot be sent to.
import { WATCHDOG_PORT } from '@faas/contracts';
import { dockerHealthOf, isAvailable } from '../mapping/availability.js';
import type { ServiceView, TaskView } from '../mapping/function-status.js';
import { inject, injectable, optional } from 'inversify';
import { HealthCheckLookup } from './health-checks.js';
import type { ReadinessProbe } from './readiness-probe.js';
import * as tokens from '../tokens.js';

/** Decides task availability; without a probe, Docker's verdict alone. */
@injectable()
export class TaskReadiness {
  constructor(
    @inject(HealthCheckLookup) private readonly checks: HealthCheckLookup,
    @inject(tokens.ReadinessProbe) @optional() private readonly probe?: ReadinessProbe,
  ) {}

  /** The tasks of `service` (among `tasks`) that are available, in their order. */
  async available(service: ServiceView, tasks: readonly TaskView[]): Promise<TaskView[]> {
    const verdicts = await Promise.all(tasks.map((task) => this.isAvailable(service, task)));
    return tasks.filter((_task, i) => verdicts[i]);
  }

  private async isAvailable(service: ServiceView, task: TaskView): Promise<boolean> {
    const hasCheck = task.Status?.State === 'running' ? await this.checks.hasCheck(task) : undefined;
    const health = dockerHealthOf(task, hasCheck);
    const probe = this.probe;
    const address = taskAddress(service, task);
    return isAvailable(
      health,
      probe &&
        (() =>
          address && task.ID
            ? probe.check(task.ID, `http://${address}:${WATCHDOG_PORT}`)
            : Promise.resolve('fail')),
    );
  }
}

/** The task's IP on the service's (first) network; any network when the service names none. Pure. */
export function taskAddress(service: ServiceView, task: TaskView): string | undefined {
  const template = service.Spec?.TaskTemplate;
  const networks = template && 'Networks' in template ? (template.Networks ?? []) : [];
  const target = networks[0]?.Target;
  const attachment =
    task.NetworksAttachments?.find((a) => a.Network?.ID === target || a.Network?.Spec?.Name === target) ??
    (target === undefined ? task.NetworksAttachments?.[0] : undefined);
  return attachment?.Addresses?.[0]?.split('/')[0];
}
