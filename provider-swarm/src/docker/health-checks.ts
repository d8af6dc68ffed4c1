// Whether a task's container has a health check: the service's own (`HealthCheck.Test`) when it
// sets one, else its image's, read from the manager's Docker API and cached per image. Unknown
// (undefined) when the image is not on this node: Docker's `running` is then taken as healthy.
import type Dockerode from 'dockerode';
import type { TaskView } from '../mapping/function-status.js';
import { inject, injectable, unmanaged } from 'inversify';
import { TtlCache } from '../ttl-cache.js';
import * as tokens from '../tokens.js';

/** Tells whether a task's container has a health check. */
export interface HealthCheckLookup {
  /** true / false, or undefined when it cannot be told. */
  hasCheck(task: TaskView): Promise<boolean | undefined>;
}

/** The injection token of the {@link HealthCheckLookup}. */
export const HealthCheckLookup = Symbol('HealthCheckLookup');

/** The lookup through the Docker API. */
@injectable()
export class ImageHealthChecks implements HealthCheckLookup {
  private readonly cache: TtlCache<boolean | undefined>;

  constructor(
    @inject(tokens.Docker) private readonly docker: Pick<Dockerode, 'getImage'>,
    @unmanaged() ttlMs = 60_000,
  ) {
    this.cache = new TtlCache(ttlMs);
  }

  async hasCheck(task: TaskView): Promise<boolean | undefined> {
    const own = task.Spec?.ContainerSpec?.Healthcheck?.Test;
    if (own?.length) return testRuns(own);
    const image = task.Spec?.ContainerSpec?.Image;
    if (!image) return undefined;
    return this.cache.get(image, async () => {
      try {
        const inspected = (await this.docker.getImage(image).inspect()) as {
          Config?: { Healthcheck?: { Test?: string[] } };
        };
        const test = inspected.Config?.Healthcheck?.Test;
        return test?.length ? testRuns(test) : false;
      } catch {
        return undefined;
      }
    });
  }
}

/** A `Test` runs a check unless it is `["NONE"]`. */
function testRuns(test: readonly string[]): boolean {
  return test[0] !== 'NONE';
}
