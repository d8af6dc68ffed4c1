// The Deployment informer behind list/get and the scale subresource: changes made by others
// (the deployment controller, kubectl) arrive through the watch; the watch resumes after the
// server ends it, and relists after 410 Expired.
import type { FunctionDeployment } from '@faas/contracts';
import { until } from '@faas/service-kit/testing';
import { resourceTypes } from './fake-apiserver/resources.js';
import type { ResourceType } from './fake-apiserver/resources.js';
import { rejection, startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';

const deployments = resourceTypes.deployments as ResourceType;
const fn = (service: string): FunctionDeployment => ({ service, image: `${service}:1` });
const names = async (h: Harness) => (await h.reader.list('openfaas-fn')).map((f) => f.name);

describe('reading functions from the informer', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.deployer.deploy(fn('a'), 'openfaas-fn');
  });
  afterEach(() => h.close());

  it('shows availableReplicas as the deployment controller reports them', async () => {
    expect((await h.reader.get('a', 'openfaas-fn'))?.availableReplicas).toBe(0);
    h.fake.controllers.setDeploymentStatus('openfaas-fn', 'a', 1);
    await until(
      'a to have 1 available replica',
      async () => (await h.reader.get('a', 'openfaas-fn'))?.availableReplicas === 1,
      3_000,
      10,
    );
  });

  it("says why a function is not ready from its pods' state, and nothing once it is", async () => {
    const pods = resourceTypes.pods as ResourceType;
    h.fake.controllers.addPod('openfaas-fn', 'a-1', { faas_function: 'a' }, 'a');
    h.fake.controllers.addPod('openfaas-fn', 'other-1', { faas_function: 'other' }, 'other');
    const waiting = (name: string, reason: string, message: string) => {
      const pod = h.fake.store.get(pods, 'openfaas-fn', name);
      const status = {
        ...(pod.status as object),
        containerStatuses: [
          {
            name,
            image: 'x',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: { waiting: { reason, message } },
          },
        ],
      };
      h.fake.store.update(pods, { ...pod, status });
    };
    waiting('a-1', 'ImagePullBackOff', 'Back-off pulling image "a:1"');
    waiting('other-1', 'CrashLoopBackOff', 'not this function');
    const status = await h.reader.get('a', 'openfaas-fn');
    expect(status?.notReadyReason).toBe('ImagePullBackOff: Back-off pulling image "a:1"');
    // The list reads no pods: it stays one informer read.
    expect((await h.reader.list('openfaas-fn'))[0]?.notReadyReason).toBeUndefined();
    // A long message is cut to the contract's length (contracts/openapi.yaml).
    waiting('a-1', 'ErrImagePull', 'x'.repeat(5000));
    const long = (await h.reader.get('a', 'openfaas-fn'))?.notReadyReason;
    expect(long).toHaveLength(1024);
    expect(long?.startsWith('ErrImagePull: xxx')).toBe(true);
    h.fake.controllers.setDeploymentStatus('openfaas-fn', 'a', 1);
    await until(
      'a to have 1 available replica',
      async () => (await h.reader.get('a', 'openfaas-fn'))?.availableReplicas === 1,
      3_000,
      10,
    );
    expect((await h.reader.get('a', 'openfaas-fn'))?.notReadyReason).toBeUndefined();
  });

  it('sees a change made with kubectl and a Deployment deleted behind its back', async () => {
    const d = h.fake.store.get(deployments, 'openfaas-fn', 'a');
    const spec = structuredClone(d.spec) as { template: { spec: { containers: { image: string }[] } } };
    spec.template.spec.containers[0]!.image = 'a:2';
    h.fake.store.update(deployments, { ...d, spec });
    await until(
      'a to show image a:2',
      async () => (await h.reader.get('a', 'openfaas-fn'))?.image === 'a:2',
      3_000,
      10,
    );
    h.fake.store.delete(deployments, 'openfaas-fn', 'a');
    await until('no function listed', async () => (await names(h)).length === 0, 3_000, 10);
  });

  it('ignores Deployments that are not functions (no faas_function label)', async () => {
    h.fake.store.create(deployments, {
      metadata: { name: 'other', namespace: 'openfaas-fn' },
      spec: {
        selector: { matchLabels: { app: 'other' } },
        template: { metadata: { labels: { app: 'other' } } },
      },
    });
    await h.deployer.deploy(fn('b'), 'openfaas-fn');
    expect(await names(h)).toEqual(['a', 'b']);
    const err = await rejection(h.scaler.scale('other', 'openfaas-fn', 0));
    expect([err.code, err.status]).toEqual(['FUNCTION_NOT_FOUND', 404]);
  });

  it('resumes the watch from its resourceVersion when the server ends it, without listing again', async () => {
    const lists = () => h.fake.calls.filter((c) => c.verb === 'list' && c.resource === 'deployments').length;
    expect(lists()).toBe(1);
    await until('1 watch open', () => h.fake.watches.count === 1, 3_000, 10);
    h.fake.watches.closeAll();
    await h.deployer.deploy(fn('b'), 'openfaas-fn');
    expect(await names(h)).toEqual(['a', 'b']);
    expect(lists()).toBe(1);
    expect(
      h.fake.calls.filter((c) => c.verb === 'watch' && c.resource === 'deployments').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('lists again after 410 Expired and drops what was deleted meanwhile', async () => {
    await h.deployer.deploy(fn('b'), 'openfaas-fn');
    // Close the watch, change things and compact, so the resume gets 410 and must relist.
    await until('1 watch open', () => h.fake.watches.count === 1, 3_000, 10);
    const resumed = h.fake.calls.length;
    h.fake.watches.closeAll();
    h.fake.store.delete(deployments, 'openfaas-fn', 'a');
    h.fake.store.compact();
    await until('only b listed', async () => JSON.stringify(await names(h)) === '["b"]', 3_000, 10);
    const after = h.fake.calls.slice(resumed);
    expect(after.some((c) => c.verb === 'list' && c.resource === 'deployments')).toBe(true);
  });

  it('scales to zero and back through the scale subresource; list shows it at once', async () => {
    await h.scaler.scale('a', 'openfaas-fn', 0);
    expect((await h.reader.get('a', 'openfaas-fn'))?.replicas).toBe(0);
    await h.scaler.scale('a', 'openfaas-fn', 4);
    expect((await h.reader.list('openfaas-fn'))[0]?.replicas).toBe(4);
    expect(h.fake.calls.filter((c) => c.resource === 'deployments/scale').map((c) => c.verb)).toEqual([
      'patch',
      'patch',
    ]);
  });

  it('answers 403 with the fix when the service account may not watch a namespace', async () => {
    const denied = await startHarness({ authorize: (call) => call.namespace !== 'team-b' });
    try {
      denied.fake.createNamespace('team-b');
      const err = await rejection(denied.reader.list('team-b'));
      expect([err.code, err.status]).toEqual(['FORBIDDEN', 403]);
      expect(err.message).toContain('may not read functions in namespace "team-b"');
    } finally {
      await denied.close();
    }
  });

  it('backs off while a namespace keeps refusing the watch', async () => {
    const denied = await startHarness({ authorize: (call) => call.namespace !== 'team-b' });
    try {
      denied.fake.createNamespace('team-b');
      await rejection(denied.reader.list('team-b'));
      await new Promise((r) => setTimeout(r, 800));
      const attempts = denied.fake.calls.filter((c) => c.namespace === 'team-b').length;
      // 50 ms doubling: attempts at about 0, 50, 150, 350, 750 ms — not one every 50 ms.
      expect(attempts).toBeGreaterThanOrEqual(3);
      expect(attempts).toBeLessThanOrEqual(6);
      const delays = denied.logger.entries
        .filter((e) => e.msg === 'watch failed, retrying')
        .map((e) => e.fields?.retryMs);
      expect(delays.slice(0, 3)).toEqual([50, 100, 200]);
    } finally {
      await denied.close();
    }
  });
});
