// When a replica counts as available (provider-swarm/README.md): Docker's health verdict once it has one, else the
// provider's own readiness probe. Swarm keeps a task with a HEALTHCHECK in `starting` until the
// first check passes — `interval` after the container started, 5 s for the sample images — while
// the watchdog serves within a few hundred milliseconds. Probing only the tasks Docker has not
// judged yet makes a cold start as fast as the watchdog, and costs nothing once Docker has spoken.
// Pure.
import type { TaskView } from './function-status.js';

/** Docker's verdict on a task's container. */
export type DockerHealth =
  /** The image's health check passed (Swarm reports the task `running`). */
  | 'healthy'
  /** The check failed: Swarm fails the task and replaces it. */
  | 'unhealthy'
  /** The container runs but its first check has not passed yet (Swarm: `starting`). */
  | 'starting'
  /** The container runs and has no health check: Docker says nothing about readiness. */
  | 'none';

/** What the readiness probe (`GET /_/health` on the task's address) saw. */
export type ProbeResult = 'ok' | 'fail' | 'timeout';

/**
 * Docker's verdict from a task's state; `hasCheck` is whether its image (or service) has a
 * health check, undefined when unknown (a `running` task is then taken as healthy, as Swarm
 * routes to it). Undefined when the task has no running container to judge.
 */
export function dockerHealthOf(task: TaskView, hasCheck: boolean | undefined): DockerHealth | undefined {
  if (task.DesiredState !== 'running') return undefined;
  switch (task.Status?.State) {
    case 'running':
      return hasCheck === false ? 'none' : 'healthy';
    case 'starting':
      return 'starting';
    case 'failed':
      return 'unhealthy';
    default:
      return undefined;
  }
}

/**
 * Whether a replica is available: Docker's verdict when it has one; while it has none (`starting`,
 * or no health check) the probe decides. `probe` is only called in those two cases.
 */
export async function isAvailable(
  health: DockerHealth | undefined,
  probe: (() => Promise<ProbeResult>) | undefined,
): Promise<boolean> {
  switch (health) {
    case 'healthy':
      return true;
    case 'starting':
    case 'none':
      // Without a probe (turned off, or the DNS resolver, which only sees Docker-healthy tasks)
      // a container without a check is ready once running, as Swarm routes to it.
      if (!probe) return health === 'none';
      return (await probe()) === 'ok';
    default:
      return false;
  }
}
