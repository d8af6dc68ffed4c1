import { FaasError } from '@faas/contracts';
import { DnsResolver } from './dns-resolver.js';
import type { ServiceView, TaskView } from '../mapping/function-status.js';
import { TaskReadiness } from '../docker/task-readiness.js';
import { TaskResolver, taskAddresses } from './task-resolver.js';

const service: ServiceView = {
  ID: 's1',
  Spec: { Name: 'echo', TaskTemplate: { ContainerSpec: {}, Networks: [{ Target: 'net-functions' }] } },
};

function task(state: string, ip: string, network = 'net-functions', desired = 'running'): TaskView {
  return {
    ID: `task-${ip}`,
    DesiredState: desired,
    Status: { State: state },
    NetworksAttachments: [
      { Network: { ID: 'net-ingress' }, Addresses: ['10.255.0.9/16'] },
      { Network: { ID: network }, Addresses: [`${ip}/24`] },
    ],
  };
}

describe('taskAddresses', () => {
  it.each<[string, TaskView[], string[]]>([
    ['no tasks', [], []],
    [
      'running tasks on the function network',
      [task('running', '10.0.1.2'), task('running', '10.0.1.3')],
      ['10.0.1.2', '10.0.1.3'],
    ],
    ['a task being shut down', [task('running', '10.0.1.2', 'net-functions', 'shutdown')], []],
    ['a task on another network only', [task('running', '10.0.9.2', 'net-other')], []],
  ])('with %s', (_what, tasks, ips) => {
    expect(taskAddresses(service, tasks)).toEqual(ips);
  });

  it('matches the network by name too', () => {
    const byName: ServiceView = {
      ...service,
      Spec: { ...service.Spec, TaskTemplate: { Networks: [{ Target: 'functions' }] } },
    };
    const t: TaskView = {
      DesiredState: 'running',
      Status: { State: 'running' },
      NetworksAttachments: [
        { Network: { ID: 'x', Spec: { Name: 'functions' } }, Addresses: ['10.0.1.5/24'] },
      ],
    };
    expect(taskAddresses(byName, [t])).toEqual(['10.0.1.5']);
  });
});

describe('TaskResolver', () => {
  /** Function services whose tasks the test changes between calls; counts the task reads. */
  function servicesWith(
    tasks: TaskView[],
    of: ServiceView = service,
  ): {
    get: () => Promise<ServiceView>;
    runningTasks: () => Promise<TaskView[]>;
    onUpdated: (listener: (name: string) => void) => void;
    updated: (name: string) => void;
    reads: number;
  } {
    let listener: (name: string) => void = () => undefined;
    const fake = {
      reads: 0,
      get: async () => of,
      runningTasks: async () => {
        fake.reads++;
        return tasks;
      },
      onUpdated: (l: (name: string) => void) => {
        listener = l;
      },
      updated: (name: string) => listener(name),
    };
    return fake;
  }

  /** The service made from spec `marker`, and a running task made from spec `from`. */
  const markedService = (marker: string): ServiceView => ({
    ...service,
    Spec: {
      ...service.Spec,
      TaskTemplate: {
        ContainerSpec: { Labels: { 'com.faas.update-marker': marker } },
        Networks: [{ Target: 'net-functions' }],
      },
    },
  });
  const taskFrom = (from: string, ip: string): TaskView => ({
    ...task('running', ip),
    Spec: { ContainerSpec: { Labels: { 'com.faas.update-marker': from } } },
  });

  it('answers only the tasks made from the current spec once one of them is available', async () => {
    // Two interrupted updates left tasks of specs m1 and m2 running; m3 is current.
    const tasks = [taskFrom('m1', '10.0.1.2'), taskFrom('m2', '10.0.1.3'), taskFrom('m3', '10.0.1.4')];
    const resolver = new TaskResolver(servicesWith(tasks, markedService('m3')), 60_000);
    expect(await resolver.resolve('echo')).toEqual(['http://10.0.1.4:8080']);
  });

  it('keeps the old tasks serving until a current one is available, in an answer nobody may cache', async () => {
    const tasks = [taskFrom('m1', '10.0.1.2'), taskFrom('m2', '10.0.1.3')];
    const services = servicesWith(tasks, markedService('m3'));
    const resolver = new TaskResolver(services, 60_000);
    expect(await resolver.resolve('echo')).toEqual({
      urls: ['http://10.0.1.2:8080', 'http://10.0.1.3:8080'],
      ttlSeconds: 0,
    });
    tasks.push(taskFrom('m3', '10.0.1.4'));
    expect(await resolver.resolve('echo')).toEqual(['http://10.0.1.4:8080']);
    expect(services.reads).toBe(2);
  });

  it('forgets a cached answer when the function is updated through the provider', async () => {
    const tasks = [taskFrom('m1', '10.0.1.2')];
    const current = { value: markedService('m1') };
    const services = servicesWith(tasks);
    services.get = async () => current.value;
    const resolver = new TaskResolver(services, 60_000);
    expect(await resolver.resolve('echo')).toEqual(['http://10.0.1.2:8080']);
    current.value = markedService('m2');
    expect(await resolver.resolve('echo')).toEqual(['http://10.0.1.2:8080']);
    services.updated('echo');
    expect(await resolver.resolve('echo')).toEqual({ urls: ['http://10.0.1.2:8080'], ttlSeconds: 0 });
  });

  it('never caches "no replica", so a replica waking from zero is seen at once', async () => {
    const tasks: TaskView[] = [];
    const services = servicesWith(tasks);
    const resolver = new TaskResolver(services, 60_000);
    expect(await resolver.resolve('echo')).toEqual([]);
    tasks.push(task('running', '10.0.1.2'));
    expect(await resolver.resolve('echo')).toEqual(['http://10.0.1.2:8080']);
    tasks.push(task('running', '10.0.1.3'));
    expect(await resolver.resolve('echo')).toEqual(['http://10.0.1.2:8080']);
    expect(services.reads).toBe(2);
  });

  it('answers the tasks its readiness accepts: a starting task whose watchdog answers', async () => {
    const services = servicesWith([task('starting', '10.0.1.2'), task('starting', '10.0.1.3')]);
    const probe = {
      check: async (_id: string, url: string) =>
        (url === 'http://10.0.1.3:8080' ? 'ok' : 'fail') as 'ok' | 'fail',
    };
    const readiness = new TaskReadiness({ hasCheck: async () => true }, probe);
    expect(await new TaskResolver(services, 0, readiness).resolve('echo')).toEqual(['http://10.0.1.3:8080']);
    expect(await new TaskResolver(services, 0).resolve('echo')).toEqual([]);
  });
});

describe('DnsResolver', () => {
  const found = { get: async () => service };
  const missing = {
    get: async (): Promise<ServiceView> => {
      throw new FaasError('FUNCTION_NOT_FOUND', 'function nope not found');
    },
  };

  it('looks up tasks.<name> and answers watchdog URLs', async () => {
    const asked: string[] = [];
    const resolver = new DnsResolver(found, 1000, async (host) => {
      asked.push(host);
      return ['10.0.1.2', '10.0.1.3'];
    });
    expect(await resolver.resolve('echo')).toEqual(['http://10.0.1.2:8080', 'http://10.0.1.3:8080']);
    expect(await resolver.resolve('echo')).toEqual(['http://10.0.1.2:8080', 'http://10.0.1.3:8080']);
    expect(asked).toEqual(['tasks.echo']);
  });

  const nxdomain = async (): Promise<string[]> => {
    throw Object.assign(new Error('queryA ENOTFOUND'), { code: 'ENOTFOUND' });
  };

  it('answers no replicas when the name has no record but the function exists', async () => {
    expect(await new DnsResolver(found, 1000, nxdomain).resolve('echo')).toEqual([]);
  });

  it('answers 404 when the name has no record and the function does not exist', async () => {
    await expect(new DnsResolver(missing, 1000, nxdomain).resolve('nope')).rejects.toMatchObject({
      status: 404,
    });
  });

  it('answers 503 when DNS itself fails', async () => {
    const broken = async (): Promise<string[]> => {
      throw Object.assign(new Error('queryA ECONNREFUSED'), { code: 'ECONNREFUSED' });
    };
    await expect(new DnsResolver(found, 1000, broken).resolve('echo')).rejects.toMatchObject({
      status: 503,
      message: 'resolve tasks.echo: DNS lookup failed (ECONNREFUSED)',
    });
  });
});
