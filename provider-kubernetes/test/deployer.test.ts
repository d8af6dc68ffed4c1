// KubeDeployer + KubeFunctionReader through the real client and the fake API server.
import type { FunctionDeployment } from '@faas/contracts';
import { resourceTypes } from './fake-apiserver/resources.js';
import type { ResourceType } from './fake-apiserver/resources.js';
import type { KubeObject } from './fake-apiserver/store.js';
import { schemaProblems } from './support/kubernetes-schema.js';
import { until } from '@faas/service-kit/testing';
import { rejection, startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';

const deployments = resourceTypes.deployments as ResourceType;
const services = resourceTypes.services as ResourceType;
const figlet: FunctionDeployment = {
  service: 'figlet',
  image: 'ghcr.io/openfaas/figlet:latest',
  envProcess: 'figlet',
};

describe('deploying, updating and removing functions', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('creates a Deployment and a Service, and lists the function at once', async () => {
    await h.deployer.deploy({ ...figlet, labels: { 'com.openfaas.scale.min': '2' } }, 'openfaas-fn');
    const d = h.fake.store.get(deployments, 'openfaas-fn', 'figlet');
    const s = h.fake.store.get(services, 'openfaas-fn', 'figlet');
    expect(d.spec?.replicas).toBe(2);
    expect(s.spec?.selector).toEqual({ faas_function: 'figlet' });
    expect(s.spec?.clusterIP).toMatch(/^10\.96\./);
    expect(await schemaProblems(d)).toEqual([]);
    const listed = await h.reader.list('openfaas-fn');
    expect(listed.map((f) => [f.name, f.image, f.envProcess, f.replicas])).toEqual([
      ['figlet', 'ghcr.io/openfaas/figlet:latest', 'figlet', 2],
    ]);
    expect(h.fake.calls.filter((c) => c.verb === 'list' && c.resource === 'deployments')).toHaveLength(1);
  });

  it('deploys a Swarm stack file: node.role dropped from the nodeSelector with a debug line, node labels kept', async () => {
    const constraints = ['node.role==manager', 'node.labels.disktype==ssd'];
    await h.deployer.deploy({ ...figlet, constraints }, 'openfaas-fn');
    const d = h.fake.store.get(deployments, 'openfaas-fn', 'figlet');
    expect((d.spec?.template as { spec: { nodeSelector?: object } }).spec.nodeSelector).toEqual({
      disktype: 'ssd',
    });
    expect(h.logger.entries.filter((e) => /constraints ignored/.test(e.msg))).toEqual([
      expect.objectContaining({
        level: 'debug',
        fields: expect.objectContaining({ function: 'figlet', constraints: ['node.role==manager'] }),
      }),
    ]);
    expect((await h.reader.get('figlet', 'openfaas-fn'))?.constraints).toEqual(constraints);
  });

  it('answers 409 when the function exists', async () => {
    await h.deployer.deploy(figlet, 'openfaas-fn');
    const err = await rejection(h.deployer.deploy(figlet, 'openfaas-fn'));
    expect([err.code, err.status, err.message]).toEqual([
      'CONFLICT',
      409,
      'function "figlet" in namespace "openfaas-fn" already exists',
    ]);
  });

  it('answers 400 for a secret that does not exist, creating nothing', async () => {
    const err = await rejection(h.deployer.deploy({ ...figlet, secrets: ['api-key'] }, 'openfaas-fn'));
    expect([err.code, err.status]).toEqual(['INVALID_REQUEST', 400]);
    expect(err.message).toContain('"api-key" does not exist in namespace "openfaas-fn"');
    expect(h.fake.store.find(deployments, 'openfaas-fn', 'figlet')).toBeUndefined();
  });

  it('removes the Deployment again when Kubernetes refuses the Service (a name starting with a digit)', async () => {
    const err = await rejection(h.deployer.deploy({ ...figlet, service: '1figlet' }, 'openfaas-fn'));
    expect([err.code, err.status]).toEqual(['INVALID_REQUEST', 400]);
    expect(err.message).toContain('Service "1figlet" is invalid: metadata.name');
    expect(h.fake.store.find(deployments, 'openfaas-fn', '1figlet')).toBeUndefined();
  });

  it('replaces a Service left behind by an earlier deploy, keeping its cluster IP', async () => {
    h.fake.store.create(services, {
      metadata: { name: 'figlet', namespace: 'openfaas-fn' },
      spec: { clusterIP: '10.96.0.200', clusterIPs: ['10.96.0.200'], ports: [{ port: 80 }] },
    });
    await h.deployer.deploy(figlet, 'openfaas-fn');
    const s = h.fake.store.get(services, 'openfaas-fn', 'figlet');
    expect(s.spec?.clusterIP).toBe('10.96.0.200');
    expect(s.spec?.ports).toEqual([{ name: 'http', protocol: 'TCP', port: 8080, targetPort: 8080 }]);
  });

  it('updates in place: new spec, new uid label (a rollout), replicas and status kept', async () => {
    await h.deployer.deploy(figlet, 'openfaas-fn');
    await h.scaler.scale('figlet', 'openfaas-fn', 3);
    h.fake.controllers.setDeploymentStatus('openfaas-fn', 'figlet', 3);
    const before = h.fake.store.get(deployments, 'openfaas-fn', 'figlet');
    await h.deployer.update({ ...figlet, image: 'figlet:2', limits: { cpu: '0.5' } }, 'openfaas-fn');
    const after = h.fake.store.get(deployments, 'openfaas-fn', 'figlet');
    const uid = (d: KubeObject) =>
      (d.spec?.template as { metadata: { labels: Record<string, string> } }).metadata.labels.uid;
    expect(uid(after)).not.toBe(uid(before));
    expect(after.spec?.replicas).toBe(3);
    expect(after.metadata.generation).toBe((before.metadata.generation ?? 0) + 1);
    const status = await h.reader.get('figlet', 'openfaas-fn');
    expect(status).toMatchObject({ image: 'figlet:2', limits: { cpu: '0.5' }, replicas: 3 });
    // The three available pods are of the previous spec until the controller reports the new one.
    expect(status?.availableReplicas).toBe(0);
    h.fake.controllers.setDeploymentStatus('openfaas-fn', 'figlet', 3);
    await until(
      'the rolled-out status',
      async () => ((await h.reader.get('figlet', 'openfaas-fn'))?.availableReplicas === 3 ? true : undefined),
      5_000,
      20,
    );
  });

  it('retries an update when someone else changed the Deployment in between (409 Conflict)', async () => {
    await h.deployer.deploy(figlet, 'openfaas-fn');
    let interfered = false;
    // Change the object right after the provider read it, so its replace carries a stale version.
    h.fake.afterResponse = (call) => {
      if (interfered || call.verb !== 'get' || call.resource !== 'deployments') return;
      interfered = true;
      const d = h.fake.store.get(deployments, 'openfaas-fn', 'figlet');
      const annotations = { ...d.metadata.annotations, touched: 'yes' };
      h.fake.store.update(deployments, { ...d, metadata: { ...d.metadata, annotations } });
    };
    await h.deployer.update({ ...figlet, image: 'figlet:3' }, 'openfaas-fn');
    expect(interfered).toBe(true);
    const updates = h.fake.calls.filter((c) => c.verb === 'update' && c.resource === 'deployments');
    expect(updates).toHaveLength(2);
    expect((await h.reader.get('figlet', 'openfaas-fn'))?.image).toBe('figlet:3');
  });

  it('keeps retrying while the Deployment changes under it five times in a row (a rollout writing its status)', async () => {
    await h.deployer.deploy(figlet, 'openfaas-fn');
    let interfered = 0;
    h.fake.afterResponse = (call) => {
      if (interfered >= 5 || call.verb !== 'get' || call.resource !== 'deployments') return;
      interfered++;
      const d = h.fake.store.get(deployments, 'openfaas-fn', 'figlet');
      h.fake.store.update(deployments, {
        ...d,
        metadata: { ...d.metadata, annotations: { n: String(interfered) } },
      });
    };
    await h.deployer.update({ ...figlet, image: 'figlet:4' }, 'openfaas-fn');
    expect(interfered).toBe(5);
    expect((await h.reader.get('figlet', 'openfaas-fn'))?.image).toBe('figlet:4');
  });

  it('answers 404 when updating or removing a function that does not exist', async () => {
    for (const err of [
      await rejection(h.deployer.update(figlet, 'openfaas-fn')),
      await rejection(h.deployer.remove('figlet', 'openfaas-fn')),
    ]) {
      expect([err.code, err.status, err.message]).toEqual([
        'FUNCTION_NOT_FOUND',
        404,
        'function "figlet" in namespace "openfaas-fn" not found',
      ]);
    }
  });

  it('removes the Deployment and the Service; the function is gone from the list at once', async () => {
    await h.deployer.deploy(figlet, 'openfaas-fn');
    await h.deployer.remove('figlet', 'openfaas-fn');
    expect(h.fake.store.find(deployments, 'openfaas-fn', 'figlet')).toBeUndefined();
    expect(h.fake.store.find(services, 'openfaas-fn', 'figlet')).toBeUndefined();
    expect(await h.reader.list('openfaas-fn')).toEqual([]);
    expect(await h.reader.get('figlet', 'openfaas-fn')).toBeUndefined();
  });

  it('answers 404 naming the namespace when it does not exist', async () => {
    const err = await rejection(h.deployer.deploy(figlet, 'team-x'));
    expect([err.status, err.message]).toEqual([404, 'namespace "team-x" does not exist']);
  });
});
