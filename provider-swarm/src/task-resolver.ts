// ReplicaResolver from the Docker API: the addresses of a function's running tasks on the
// function's network, asked of the manager (so it works from anywhere on the overlay, and on real
// clusters with or without IPVS since no virtual IP is involved). Answers are cached briefly: a
// burst of invocations costs one pair of API calls per TTL, and the HTTP layer picks a replica per
// request from the list.
import { WATCHDOG_PORT } from '@faas/contracts';
import type { ReplicaResolver } from '@faas/provider-http';
import type { FunctionServices } from './function-services.js';
import type { ServiceView, TaskView } from './function-status.js';
import { TtlCache } from './ttl-cache.js';

/** Resolves replicas to task IPs read from the Docker API. */
export class TaskResolver implements ReplicaResolver {
  private readonly cache: TtlCache<string[]>;

  constructor(
    private readonly services: FunctionServices,
    ttlMs: number,
  ) {
    this.cache = new TtlCache(ttlMs);
  }

  resolve(name: string): Promise<string[]> {
    return this.cache.get(name, async () => {
      const service = await this.services.get(name);
      const tasks = await this.services.runningTasks(service.ID);
      return taskAddresses(service, tasks).map((ip) => `http://${ip}:${WATCHDOG_PORT}`);
    });
  }
}

/** IPs of the service's running tasks on the service's (first) network. Pure. */
export function taskAddresses(service: ServiceView, tasks: readonly TaskView[]): string[] {
  const template = service.Spec?.TaskTemplate;
  const networks = template && 'Networks' in template ? (template.Networks ?? []) : [];
  const target = networks[0]?.Target;
  const ips: string[] = [];
  for (const task of tasks) {
    if (task.DesiredState !== 'running' || task.Status?.State !== 'running') continue;
    const attachment =
      task.NetworksAttachments?.find((a) => a.Network?.ID === target || a.Network?.Spec?.Name === target) ??
      (target === undefined ? task.NetworksAttachments?.[0] : undefined);
    const address = attachment?.Addresses?.[0];
    if (address) ips.push(address.split('/')[0] as string);
  }
  return ips;
}
