// The Swarm secret store against the REAL Docker API: versions, rolling functions onto a new
// value, and never returning values.
import { components, describeWith, until } from '@faas/service-kit/testing';
import { MemoryLogger } from '@faas/service-kit';
import { replicaUrls } from '@faas/provider-http';
import { FunctionServices } from '../src/docker/function-services.js';
import { NetworkFinder } from '../src/docker/network-finder.js';
import { SecretVersions } from '../src/docker/secret-versions.js';
import { SwarmDeployer } from '../src/roles/swarm-deployer.js';
import { ImageHealthChecks } from '../src/docker/health-checks.js';
import { TaskReadiness } from '../src/docker/task-readiness.js';
import { SwarmReader } from '../src/roles/swarm-reader.js';
import { SwarmSecretStore } from '../src/roles/swarm-secret-store.js';
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

describeWith([components.docker, components.swarm], 'Swarm secrets on a real swarm', () => {
  const prefix = runPrefix();
  const logger = new MemoryLogger();
  const services = new FunctionServices(docker);
  const versions = new SecretVersions(docker);
  const store = new SwarmSecretStore(docker, versions, services, logger);
  const deployer = new SwarmDeployer(
    docker,
    services,
    versions,
    new NetworkFinder(docker, TEST_NETWORK, new MemoryLogger()),
    logger,
    1000,
  );
  const reader = new SwarmReader(services, NS, new TaskReadiness(new ImageHealthChecks(docker)));
  const resolver = new TaskResolver(services, 0);

  beforeAll(async () => {
    await Promise.all([ensureTestImage(), ensureTestNetwork()]);
  }, 120_000);
  afterAll(() => cleanUp(prefix), 60_000);

  const swarmNames = async (name: string): Promise<string[]> =>
    (await docker.listSecrets({ filters: { label: [`com.faas.secret.name=${name}`] } }))
      .map((s) => s.Spec?.Name ?? '')
      .sort();

  it('creates, lists without values, refuses duplicates and unknown names', async () => {
    const name = `${prefix}-plain`;
    await store.create({ name, value: 's3cret' }, NS);
    expect(await swarmNames(name)).toEqual([`${name}_1`]);
    const listed = (await store.list(NS)).filter((s) => s.name.startsWith(prefix));
    expect(listed).toEqual([{ name, namespace: NS }]);
    expect(JSON.stringify(await store.list(NS))).not.toContain('s3cret');
    await expect(store.create({ name, value: 'again' }, NS)).rejects.toMatchObject({ status: 409 });
    await expect(store.update({ name: `${prefix}-none`, value: 'x' }, NS)).rejects.toMatchObject({
      status: 404,
    });
    await expect(store.remove(`${prefix}-none`, NS)).rejects.toMatchObject({ status: 404 });
    await store.remove(name, NS);
    expect(await swarmNames(name)).toEqual([]);
  }, 30_000);

  it('mounts a secret at /var/openfaas/secrets/<name>; PUT rolls the function onto the new value', async () => {
    const secret = `${prefix}-api-key`;
    const fn = `${prefix}-uses-secret`;
    await store.create({ name: secret, rawValue: Buffer.from('first').toString('base64') }, NS);
    await deployer.deploy({ service: fn, image: TEST_IMAGE, secrets: [secret] }, NS);
    const readValue = async (): Promise<string | undefined> => {
      const [url] = replicaUrls(await resolver.resolve(fn));
      return url ? fetchOnNetwork(`${url}/secrets/${secret}`) : undefined;
    };
    expect(await until('the function to serve its secret', readValue, 30_000, 250)).toBe('first');
    expect((await reader.get(fn, NS))?.secrets).toEqual([secret]);

    await store.update({ name: secret, value: 'second' }, NS);
    await until(
      'the new value',
      async () => ((await readValue()) === 'second' ? true : undefined),
      45_000,
      250,
    );
    expect(await swarmNames(secret)).toEqual([`${secret}_2`]);
    expect((await reader.get(fn, NS))?.secrets).toEqual([secret]);

    await expect(store.remove(secret, NS)).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining(fn),
    });
    await deployer.remove(fn, NS);
    await until(
      'the secret to be removable',
      async () =>
        store.remove(secret, NS).then(
          () => true,
          () => undefined,
        ),
      30_000,
      250,
    );
    expect(await swarmNames(secret)).toEqual([]);
  }, 120_000);

  it('refuses to deploy a function naming a secret that does not exist', async () => {
    await expect(
      deployer.deploy({ service: `${prefix}-nosecret`, image: TEST_IMAGE, secrets: [`${prefix}-ghost`] }, NS),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining(`unknown secret: ${prefix}-ghost`),
    });
    expect(await reader.get(`${prefix}-nosecret`, NS)).toBeUndefined();
  });

  it('refuses a name too long for Swarm with 400', async () => {
    await expect(store.create({ name: `${prefix}-${'a'.repeat(60)}`, value: 'x' }, NS)).rejects.toMatchObject(
      {
        status: 400,
      },
    );
  });
});
