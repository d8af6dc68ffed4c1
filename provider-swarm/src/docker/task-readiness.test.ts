import type Dockerode from 'dockerode';
import type { ProbeResult } from '../mapping/availability.js';
import type { ServiceView, TaskView } from '../mapping/function-status.js';
import { ImageHealthChecks } from './health-checks.js';
import type { HealthCheckLookup } from './health-checks.js';
import type { ReadinessProbe } from './readiness-probe.js';
import { TaskReadiness } from './task-readiness.js';

const service: ServiceView = {
  ID: 's1',
  Spec: { Name: 'echo', TaskTemplate: { ContainerSpec: {}, Networks: [{ Target: 'net-functions' }] } },
};

function task(id: string, state: string, ip?: string): TaskView {
  return {
    ID: id,
    DesiredState: 'running',
    Status: { State: state },
    NetworksAttachments: ip ? [{ Network: { ID: 'net-functions' }, Addresses: [`${ip}/24`] }] : [],
  };
}

/** A probe that answers from a table by URL and records what it was asked. */
class FakeProbe implements ReadinessProbe {
  readonly asked: string[] = [];
  constructor(private readonly answers: Record<string, ProbeResult>) {}
  async check(taskId: string, baseUrl: string): Promise<ProbeResult> {
    this.asked.push(`${taskId} ${baseUrl}`);
    return this.answers[baseUrl] ?? 'fail';
  }
}

const withCheck: HealthCheckLookup = { hasCheck: async () => true };
const withoutCheck: HealthCheckLookup = { hasCheck: async () => false };

const ids = (tasks: TaskView[]): (string | undefined)[] => tasks.map((t) => t.ID);

describe('TaskReadiness', () => {
  it('counts a starting task once its watchdog answers, and never probes a Docker-healthy one', async () => {
    const probe = new FakeProbe({ 'http://10.0.1.3:8080': 'ok', 'http://10.0.1.4:8080': 'timeout' });
    const readiness = new TaskReadiness(withCheck, probe);
    const tasks = [
      task('healthy', 'running', '10.0.1.2'),
      task('up', 'starting', '10.0.1.3'),
      task('slow', 'starting', '10.0.1.4'),
      task('early', 'preparing', '10.0.1.5'),
    ];
    expect(ids(await readiness.available(service, tasks))).toEqual(['healthy', 'up']);
    expect(probe.asked).toEqual(['up http://10.0.1.3:8080', 'slow http://10.0.1.4:8080']);
  });

  it('probes running tasks of an image without a health check', async () => {
    const probe = new FakeProbe({ 'http://10.0.1.2:8080': 'ok' });
    const tasks = [task('a', 'running', '10.0.1.2'), task('b', 'running', '10.0.1.3')];
    expect(ids(await new TaskReadiness(withoutCheck, probe).available(service, tasks))).toEqual(['a']);
    expect(probe.asked).toHaveLength(2);
  });

  it('does not count a starting task without an address on the function network', async () => {
    const probe = new FakeProbe({});
    expect(await new TaskReadiness(withCheck, probe).available(service, [task('x', 'starting')])).toEqual([]);
    expect(probe.asked).toEqual([]);
  });

  it('without a probe follows Docker alone', async () => {
    const tasks = [task('a', 'running', '10.0.1.2'), task('b', 'starting', '10.0.1.3')];
    expect(ids(await new TaskReadiness(withCheck).available(service, tasks))).toEqual(['a']);
    expect(ids(await new TaskReadiness(withoutCheck).available(service, tasks))).toEqual(['a']);
  });
});

describe('ImageHealthChecks', () => {
  function dockerWith(images: Record<string, string[] | undefined>): {
    docker: Pick<Dockerode, 'getImage'>;
    inspected: string[];
  } {
    const inspected: string[] = [];
    const docker = {
      getImage: (name: string) => ({
        inspect: async () => {
          inspected.push(name);
          if (!(name in images)) throw Object.assign(new Error('No such image'), { statusCode: 404 });
          return { Config: { Healthcheck: images[name] ? { Test: images[name] } : undefined } };
        },
      }),
    } as unknown as Pick<Dockerode, 'getImage'>;
    return { docker, inspected };
  }
  const of = (image: string, test?: string[]): TaskView => ({
    Spec: { ContainerSpec: { Image: image, ...(test ? { Healthcheck: { Test: test } } : {}) } },
  });

  it.each<[string, TaskView, boolean | undefined]>([
    ['an image with a HEALTHCHECK', of('fn:check'), true],
    ['an image without one', of('fn:plain'), false],
    ['an image with HEALTHCHECK NONE', of('fn:none'), false],
    ['an image not on this node', of('fn:elsewhere'), undefined],
    ['a service that sets its own check', of('fn:plain', ['CMD', 'true']), true],
    ['a service that turns the check off', of('fn:check', ['NONE']), false],
  ])('tells %s', async (_what, t, expected) => {
    const { docker } = dockerWith({
      'fn:check': ['CMD-SHELL', 'true'],
      'fn:plain': undefined,
      'fn:none': ['NONE'],
    });
    expect(await new ImageHealthChecks(docker).hasCheck(t)).toBe(expected);
  });

  it('inspects each image once per ttl', async () => {
    const { docker, inspected } = dockerWith({ 'fn:check': ['CMD', 'true'] });
    const checks = new ImageHealthChecks(docker, 60_000);
    await Promise.all([checks.hasCheck(of('fn:check')), checks.hasCheck(of('fn:check'))]);
    expect(await checks.hasCheck(of('fn:check'))).toBe(true);
    expect(inspected).toEqual(['fn:check']);
  });
});
