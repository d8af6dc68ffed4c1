// The Swarm roles against the REAL Docker API: a single-node swarm on this machine. Skipped on a
// laptop without Docker; failing under CI=true when Docker or the swarm is missing.
import { components, describeWith, until } from '@faas/service-kit/testing';
import { MemoryLogger } from '@faas/service-kit';
import { replicaUrls } from '@faas/provider-http';
import type { FunctionDeployment, FunctionStatus } from '@faas/contracts';
import { FunctionServices } from '../src/docker/function-services.js';
import { NetworkFinder } from '../src/docker/network-finder.js';
import { SecretVersions } from '../src/docker/secret-versions.js';
import { SwarmDeployer } from '../src/roles/swarm-deployer.js';
import { ImageHealthChecks } from '../src/docker/health-checks.js';
import { TaskReadiness } from '../src/docker/task-readiness.js';
import { SwarmReader, SwarmScaler } from '../src/roles/swarm-reader.js';
import { TaskResolver } from '../src/roles/task-resolver.js';
import {
  cleanUp,
  docker,
  ensureTestImage,
  ensureTestNetwork,
  fetchOnNetwork,
  runPrefix,
  TEST_IMAGE,
  TEST_NETWORK,
} from './swarm-fixture.js';

const NS = 'openfaas-fn';

describeWith([components.docker, components.swarm], 'Swarm roles on a real swarm', () => {
  const prefix = runPrefix();
  const logger = new MemoryLogger();
  const services = new FunctionServices(docker);
  const versions = new SecretVersions(docker);
  const deployer = new SwarmDeployer(
    docker,
    services,
    versions,
    new NetworkFinder(docker, TEST_NETWORK, new MemoryLogger()),
    logger,
    1000,
  );
  const reader = new SwarmReader(services, NS, new TaskReadiness(new ImageHealthChecks(docker)));
  const scaler = new SwarmScaler(services, logger);
  const resolver = new TaskResolver(services, 0);
  /** The URLs the resolver answers, settled or not. */
  const urlsOf = async (name: string): Promise<string[]> => {
    const answer = await resolver.resolve(name);
    return replicaUrls(answer);
  };

  const ready = (name: string, replicas = 1): Promise<FunctionStatus> =>
    until(
      `${name} to have ${replicas} ready replicas`,
      async () => {
        const status = await reader.get(name, NS);
        return status?.availableReplicas === replicas ? status : undefined;
      },
      30_000,
      250,
    );

  beforeAll(async () => {
    await Promise.all([ensureTestImage(), ensureTestNetwork()]);
  }, 120_000);
  afterAll(() => cleanUp(prefix), 60_000);

  it('deploys a function as a dnsrr service and reads every field back', async () => {
    const deployment: FunctionDeployment = {
      service: `${prefix}-full`,
      image: TEST_IMAGE,
      envProcess: 'cat',
      envVars: { MODE: 'test' },
      labels: { team: 'qa', 'com.openfaas.scale.min': '1' },
      annotations: { 'example.com/topic': 'orders' },
      limits: { memory: '5Mi', cpu: '500m' },
      requests: { memory: '8Mi', cpu: '0.1' },
      readOnlyRootFilesystem: true,
    };
    await deployer.deploy(deployment, NS);
    const status = await ready(deployment.service);
    expect(status).toEqual({
      name: deployment.service,
      image: TEST_IMAGE,
      namespace: NS,
      envProcess: 'cat',
      envVars: { MODE: 'test' },
      labels: { team: 'qa', 'com.openfaas.scale.min': '1', faas_function: deployment.service },
      annotations: { 'example.com/topic': 'orders' },
      limits: { memory: '5Mi', cpu: '500m' },
      requests: { memory: '8Mi', cpu: '0.1' },
      readOnlyRootFilesystem: true,
      replicas: 1,
      availableReplicas: 1,
      invocationCount: 0,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const inspected = await docker.getService(deployment.service).inspect();
    expect(inspected.Spec.EndpointSpec).toEqual({ Mode: 'dnsrr' });
    expect(inspected.Endpoint.VirtualIPs ?? []).toEqual([]);
    expect(inspected.Spec.TaskTemplate.Resources.Limits).toEqual({
      MemoryBytes: 6 * 1024 * 1024,
      NanoCPUs: 5e8,
    });
    const [container] = await docker.listContainers({
      filters: { label: [`com.docker.swarm.service.name=${deployment.service}`] },
    });
    expect((await docker.getContainer(container!.Id).inspect()).HostConfig.ReadonlyRootfs).toBe(true);
    expect((await reader.list(NS)).map((f) => f.name)).toContain(deployment.service);
  }, 60_000);

  it('answers 409 when the function exists, and 400 with Docker’s reason for a bad image reference', async () => {
    const name = `${prefix}-dup`;
    await deployer.deploy({ service: name, image: TEST_IMAGE }, NS);
    await expect(deployer.deploy({ service: name, image: TEST_IMAGE }, NS)).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining(`deploy function ${name}:`),
    });
    await expect(
      deployer.deploy({ service: `${prefix}-bad`, image: 'Not A Valid:Ref' }, NS),
    ).rejects.toMatchObject({
      status: 400,
    });
  }, 30_000);

  it('resolves ready replicas to task addresses that answer on the functions network', async () => {
    const name = `${prefix}-resolve`;
    await deployer.deploy(
      { service: name, image: TEST_IMAGE, labels: { 'com.openfaas.scale.min': '2' } },
      NS,
    );
    await ready(name, 2);
    const urls = await urlsOf(name);
    expect(urls).toHaveLength(2);
    for (const url of urls) expect(url).toMatch(/^http:\/\/10\.\d+\.\d+\.\d+:8080$/);
    expect(await fetchOnNetwork(`${urls[0]}/index.html`)).toBe('hello\n');
    await expect(resolver.resolve(`${prefix}-missing`)).rejects.toMatchObject({ status: 404 });
  }, 60_000);

  it('scales to zero and back without rolling, and answers 404 for a missing function', async () => {
    const name = `${prefix}-scale`;
    await deployer.deploy({ service: name, image: TEST_IMAGE }, NS);
    await ready(name);
    await scaler.scale(name, NS, 0);
    await until(
      'no replicas',
      async () => ((await urlsOf(name)).length === 0 ? true : undefined),
      30_000,
      250,
    );
    expect(await reader.get(name, NS)).toMatchObject({ replicas: 0, availableReplicas: 0 });
    await scaler.scale(name, NS, 2);
    await ready(name, 2);
    await expect(scaler.scale(`${prefix}-missing`, NS, 1)).rejects.toMatchObject({ status: 404 });
  }, 60_000);

  it('rolls the tasks on every update, even an identical one, and keeps the replica count', async () => {
    const name = `${prefix}-update`;
    await deployer.deploy(
      { service: name, image: TEST_IMAGE, labels: { 'com.openfaas.scale.min': '2' } },
      NS,
    );
    await ready(name, 2);
    const before = await taskIds(name);
    await deployer.update({ service: name, image: TEST_IMAGE, envVars: { VERSION: '2' } }, NS);
    await until(
      'the update to roll',
      async () => {
        const now = await taskIds(name);
        const status = await reader.get(name, NS);
        return now.length === 2 && now.every((id) => !before.includes(id)) && status?.availableReplicas === 2
          ? true
          : undefined;
      },
      45_000,
      250,
    );
    const status = await reader.get(name, NS);
    expect(status).toMatchObject({ replicas: 2, envVars: { VERSION: '2' }, labels: { faas_function: name } });
    expect(status?.labels['com.openfaas.scale.min']).toBeUndefined();
    const urls = await urlsOf(name);
    expect(await fetchOnNetwork(`${urls[0]}/env`)).toContain('VERSION=2');
    const second = await taskIds(name);
    await deployer.update({ service: name, image: TEST_IMAGE, envVars: { VERSION: '2' } }, NS);
    await until(
      'an identical update to roll too',
      async () => {
        const now = await taskIds(name);
        return now.length === 2 && now.every((id) => !second.includes(id)) ? true : undefined;
      },
      45_000,
      250,
    );
    await expect(
      deployer.update({ service: `${prefix}-missing`, image: TEST_IMAGE }, NS),
    ).rejects.toMatchObject({
      status: 404,
    });
  }, 120_000);

  it('joins the deployment’s network, else the configured one, else one labelled openfaas=true', async () => {
    const labelled = `${prefix}-labelled`;
    const created = await docker.createNetwork({
      Name: labelled,
      Driver: 'overlay',
      Attachable: true,
      Labels: { openfaas: 'true' },
    });
    try {
      const byLabel = new NetworkFinder(docker, '', logger);
      const found = await byLabel.networkFor(undefined);
      const [network] = await docker.listNetworks({ filters: { name: [found] } });
      expect(network?.Labels?.openfaas).toBe('true');
      expect(await byLabel.networkFor('mine')).toBe('mine');
      expect(await new NetworkFinder(docker, 'configured', logger).networkFor(undefined)).toBe('configured');
    } finally {
      await created.remove();
    }
  });

  it('removes a function, and never touches a service that is not a function', async () => {
    const name = `${prefix}-remove`;
    await deployer.deploy({ service: name, image: TEST_IMAGE }, NS);
    await deployer.remove(name, NS);
    expect(await reader.get(name, NS)).toBeUndefined();
    await expect(deployer.remove(name, NS)).rejects.toMatchObject({ status: 404 });
    const other = `${prefix}-not-a-function`;
    await docker.createService({
      Name: other,
      TaskTemplate: { ContainerSpec: { Image: TEST_IMAGE } },
      Mode: { Replicated: { Replicas: 0 } },
    });
    await expect(deployer.remove(other, NS)).rejects.toMatchObject({ status: 404 });
    expect(await reader.get(other, NS)).toBeUndefined();
    expect((await docker.getService(other).inspect()).Spec.Name).toBe(other);
  }, 30_000);

  it('deploys an image that does not exist without disturbing anything: 0 available, the reason in the tasks', async () => {
    const name = `${prefix}-noimage`;
    await deployer.deploy({ service: name, image: 'faas-test/does-not-exist:1' }, NS);
    const tasks = await until(
      'a rejected task',
      async () => {
        const all = await services.allTasks(name);
        return all.some((t) => t.Status?.Err) ? all : undefined;
      },
      30_000,
      250,
    );
    expect(tasks.find((t) => t.Status?.Err)?.Status?.Err).toBe('No such image: faas-test/does-not-exist:1');
    expect(await reader.get(name, NS)).toMatchObject({ replicas: 1, availableReplicas: 0 });
    expect(await resolver.resolve(name)).toEqual([]);
  }, 45_000);
});

async function taskIds(name: string): Promise<string[]> {
  const tasks = (await docker.listTasks({ filters: { service: [name], 'desired-state': ['running'] } })) as {
    ID: string;
  }[];
  return tasks.map((t) => t.ID);
}
