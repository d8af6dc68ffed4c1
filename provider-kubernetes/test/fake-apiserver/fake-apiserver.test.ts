// The fake API server, driven by the real @kubernetes/client-node: the behaviours the provider
// relies on, so a difference from the real server shows up here rather than as a provider bug.
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  Watch,
} from '@kubernetes/client-node';
import type { V1Deployment } from '@kubernetes/client-node';
import { until } from '@faas/service-kit/testing';
import { FakeApiServer } from './server.js';

const deployment = (name: string, labels: Record<string, string> = { app: name }): V1Deployment => ({
  metadata: { name, labels },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'img:1' }] } },
  },
});

async function apiError(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiException)
      return { code: err.code, body: err.body ? JSON.parse(err.body as string) : {} };
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('the fake API server', () => {
  let fake: FakeApiServer;
  let apps: AppsV1Api;
  let core: CoreV1Api;

  beforeEach(async () => {
    fake = await new FakeApiServer().start();
    fake.createNamespace('fn');
    apps = fake.kubeConfig().makeApiClient(AppsV1Api);
    core = fake.kubeConfig().makeApiClient(CoreV1Api);
  });
  afterEach(() => fake.stop());

  it('creates, reads, lists, replaces and deletes with server-set fields', async () => {
    const created = await apps.createNamespacedDeployment({ namespace: 'fn', body: deployment('a') });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(created.metadata?.generation).toBe(1);
    expect(created.spec?.replicas).toBe(1);
    const got = await apps.readNamespacedDeployment({ name: 'a', namespace: 'fn' });
    expect(got.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
    const list = await apps.listNamespacedDeployment({ namespace: 'fn', labelSelector: 'app=a' });
    expect(list.items.map((d) => d.metadata?.name)).toEqual(['a']);
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThanOrEqual(
      Number(created.metadata?.resourceVersion),
    );
    got.spec!.replicas = 3;
    const replaced = await apps.replaceNamespacedDeployment({ name: 'a', namespace: 'fn', body: got });
    expect(replaced.metadata?.generation).toBe(2);
    const status = await apps.deleteNamespacedDeployment({ name: 'a', namespace: 'fn' });
    expect(status.status).toBe('Success');
    expect((await apps.listNamespacedDeployment({ namespace: 'fn' })).items).toEqual([]);
  });

  it.each([
    [
      'a missing object',
      () => apps.readNamespacedDeployment({ name: 'nope', namespace: 'fn' }),
      404,
      'NotFound',
      'deployments.apps "nope" not found',
    ],
    [
      'a duplicate',
      async () => {
        await apps.createNamespacedDeployment({ namespace: 'fn', body: deployment('a') });
        return apps.createNamespacedDeployment({ namespace: 'fn', body: deployment('a') });
      },
      409,
      'AlreadyExists',
      'deployments.apps "a" already exists',
    ],
    [
      'a stale resourceVersion',
      async () => {
        const d = await apps.createNamespacedDeployment({ namespace: 'fn', body: deployment('a') });
        await apps.replaceNamespacedDeployment({ name: 'a', namespace: 'fn', body: d });
        return apps.replaceNamespacedDeployment({ name: 'a', namespace: 'fn', body: d });
      },
      409,
      'Conflict',
      'the object has been modified',
    ],
    [
      'a selector that does not match the template',
      () =>
        apps.createNamespacedDeployment({
          namespace: 'fn',
          body: {
            ...deployment('a'),
            spec: { ...deployment('a').spec!, selector: { matchLabels: { x: 'y' } } },
          },
        }),
      422,
      'Invalid',
      '`selector` does not match template `labels`',
    ],
    [
      'a Service name that is not a DNS-1035 label',
      () =>
        core.createNamespacedService({
          namespace: 'fn',
          body: { metadata: { name: '1fn' }, spec: { ports: [{ port: 80 }] } },
        }),
      422,
      'Invalid',
      'metadata.name',
    ],
    [
      'a namespace that does not exist',
      () => apps.createNamespacedDeployment({ namespace: 'nope', body: deployment('a') }),
      404,
      'NotFound',
      'namespaces "nope" not found',
    ],
  ])('answers %s with a Status object', async (_what, call, code, reason, message) => {
    const { code: status, body } = await apiError(call());
    expect(status).toBe(code);
    expect(body).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code });
    expect(body.message).toContain(message);
  });

  it('rejects unknown fields like fieldValidation=Strict (the typed client drops them, so this is raw HTTP)', async () => {
    const body = deployment('a') as unknown as {
      spec: { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    body.spec.template.spec.containers[0]!.porrts = [];
    const response = await fetch(`${fake.url}/apis/apps/v1/namespaces/fn/deployments`, {
      method: 'POST',
      headers: { Authorization: 'Bearer fake-token', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    const status = (await response.json()) as Record<string, string>;
    expect(status.reason).toBe('BadRequest');
    expect(status.message).toContain('porrts: unknown field');
  });

  it('stores quantities in canonical form, as the real server does', async () => {
    const body = deployment('a');
    body.spec!.template.spec!.containers[0]!.resources = { limits: { cpu: '0.5', memory: '1.5Gi' } };
    const created = await apps.createNamespacedDeployment({ namespace: 'fn', body });
    expect(created.spec?.template.spec?.containers[0]?.resources?.limits).toEqual({
      cpu: '500m',
      memory: '1536Mi',
    });
  });

  it('scales through the scale subresource with a merge patch and keeps status on replace', async () => {
    await apps.createNamespacedDeployment({ namespace: 'fn', body: deployment('a') });
    fake.controllers.setDeploymentStatus('fn', 'a', 1);
    const scale = await apps.patchNamespacedDeploymentScale(
      { name: 'a', namespace: 'fn', body: { spec: { replicas: 4 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(scale.spec?.replicas).toBe(4);
    const d = await apps.readNamespacedDeployment({ name: 'a', namespace: 'fn' });
    expect(d.spec?.replicas).toBe(4);
    expect(d.status?.availableReplicas).toBe(1);
    expect(fake.calls.at(-2)).toEqual({
      verb: 'patch',
      group: 'apps',
      resource: 'deployments/scale',
      namespace: 'fn',
      name: 'a',
    });
  });

  it('answers 401 without the token', async () => {
    const anonymous = fake.kubeConfig('wrong').makeApiClient(CoreV1Api);
    expect((await apiError(anonymous.listNamespace())).code).toBe(401);
  });

  describe('watch', () => {
    type Event = { type: string; name?: string; rv?: string };
    async function collect(query: Record<string, string>, enough: (events: Event[]) => boolean) {
      const events: Event[] = [];
      let done!: (err: unknown) => void;
      const ended = new Promise((resolve) => (done = resolve));
      const controller = await new Watch(fake.kubeConfig()).watch(
        '/apis/apps/v1/namespaces/fn/deployments',
        query,
        (type, object: V1Deployment) =>
          events.push({ type, name: object.metadata?.name, rv: object.metadata?.resourceVersion }),
        (err) => done(err),
      );
      return {
        events,
        ended,
        stop: () => controller.abort(),
        untilEnough: () => until('enough watch events', () => enough(events), 2_000, 5),
      };
    }

    it('replays changes after a resourceVersion and streams new ones, with label selectors', async () => {
      const a = await apps.createNamespacedDeployment({ namespace: 'fn', body: deployment('a') });
      await apps.createNamespacedDeployment({
        namespace: 'fn',
        body: deployment('b', { app: 'b', keep: 'yes' }),
      });
      const w = await collect(
        { resourceVersion: a.metadata!.resourceVersion!, labelSelector: 'keep' },
        (e) => e.length >= 3,
      );
      const c = deployment('c', { keep: 'yes', app: 'c' });
      await apps.createNamespacedDeployment({ namespace: 'fn', body: c });
      await apps.patchNamespacedDeployment(
        { name: 'c', namespace: 'fn', body: { metadata: { labels: { keep: null } } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      await w.untilEnough();
      w.stop();
      expect(w.events.map((e) => `${e.type} ${e.name}`)).toEqual(['ADDED b', 'ADDED c', 'DELETED c']);
    });

    it('sends ERROR 410 Expired for a compacted resourceVersion', async () => {
      const a = await apps.createNamespacedDeployment({ namespace: 'fn', body: deployment('a') });
      await apps.createNamespacedDeployment({ namespace: 'fn', body: deployment('b') });
      fake.store.compact();
      const w = await collect({ resourceVersion: a.metadata!.resourceVersion! }, () => true);
      expect(await w.ended).toBeNull();
      expect(w.events).toEqual([{ type: 'ERROR', name: undefined, rv: undefined }]);
    });

    it('sends bookmarks only to watches that asked for them, and ends streams on request', async () => {
      const asked = await collect({ allowWatchBookmarks: 'true' }, (e) =>
        e.some((x) => x.type === 'BOOKMARK'),
      );
      const plain = await collect({}, () => true);
      await until('2 watches open', () => fake.watches.count === 2, 2_000, 5);
      await apps.createNamespacedDeployment({ namespace: 'fn', body: deployment('a') });
      expect(fake.watches.bookmark()).toBe(1);
      await asked.untilEnough();
      expect(asked.events.at(-1)).toEqual({
        type: 'BOOKMARK',
        name: undefined,
        rv: String(fake.store.currentRevision),
      });
      fake.watches.closeAll();
      expect(await plain.ended).toBeNull();
      expect(plain.events.map((e) => e.type)).toEqual(['ADDED']);
    });
  });
});
