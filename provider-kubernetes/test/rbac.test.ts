// RBAC: every Kubernetes API call the provider makes is allowed by the RBAC objects in
// deploy/kubernetes/ (read from the YAML, evaluated like the RBAC authorizer), and every permission
// granted there is used by some call — least privilege, checked both ways. The fake API server
// answers 403 to anything the manifests do not allow, so a missing rule fails the flow itself.
import { until } from '@faas/service-kit/testing';
import { checkCluster } from '../src/kube/check-cluster.js';
import { resourceTypes } from './fake-apiserver/resources.js';
import type { ResourceType } from './fake-apiserver/resources.js';
import type { ApiCall } from './fake-apiserver/server.js';
import { startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';
import { loadManifests, loadNamespaceTemplate } from './support/manifests.js';
import { allowed, grantedRules, ruleAllows } from './support/rbac.js';
import type { GrantedRule } from './support/rbac.js';

const account = { namespace: 'openfaas', name: 'faas-provider' };
const key = (c: ApiCall) =>
  `${c.verb} ${c.group || 'core'}/${c.resource}${c.namespace ? ` in ${c.namespace}` : ''}`;

/** Drives every role through the real client: each kind of call the provider can make. */
async function everything(h: Harness, namespace: string): Promise<void> {
  await checkCluster(h.clients, namespace, 'test');
  await h.namespaces.list();
  await h.secrets.create({ name: 'api-key', value: 'v1' }, namespace);
  await h.secrets.update({ name: 'api-key', value: 'v2' }, namespace);
  await h.secrets.list(namespace);
  // A Service left behind makes deploy replace it (get + update of services).
  h.fake.store.create(resourceTypes.services as ResourceType, {
    metadata: { name: 'fn', namespace },
    spec: { clusterIP: '10.96.0.99', clusterIPs: ['10.96.0.99'], ports: [{ port: 8080 }] },
  });
  await h.deployer.deploy({ service: 'fn', image: 'fn:1', secrets: ['api-key'] }, namespace);
  await h.deployer.update({ service: 'fn', image: 'fn:2', secrets: ['api-key'] }, namespace);
  await h.scaler.scale('fn', namespace, 2);
  await h.reader.list(namespace);
  await h.reader.get('fn', namespace);
  h.fake.controllers.setEndpoints(namespace, 'fn', [{ ip: '127.0.0.1', port: 8080, ready: true }]);
  await until(
    'fn to resolve to 1 address',
    async () => (await h.resolver.resolve('fn', namespace)).length === 1,
    3_000,
    10,
  );
  h.fake.controllers.addPod(namespace, 'fn-1', { faas_function: 'fn' }, 'fn');
  h.fake.controllers.log(namespace, 'fn-1', 'fn', 'hello');
  const lines = [];
  for await (const line of h.logs.read(
    { name: 'fn', namespace, follow: false },
    new AbortController().signal,
  ))
    lines.push(line);
  if (lines.length !== 1) throw new Error('the log line did not arrive');
  await h.deployer.remove('fn', namespace);
  await h.secrets.remove('api-key', namespace);
}

describe('the provider under the RBAC rules of deploy/kubernetes/', () => {
  const manifests = loadManifests();
  const granted = grantedRules(manifests, account);
  let h: Harness;
  afterEach(() => h.close());

  it('makes only allowed calls, and uses every permission it is granted', async () => {
    h = await startHarness({ authorize: (call) => allowed(granted, call) });
    h.fake.createNamespace('openfaas');
    await everything(h, 'openfaas-fn');
    expect(h.fake.calls.filter((c) => !allowed(granted, c)).map(key)).toEqual([]);
    const unused = granted.flatMap((g: GrantedRule) =>
      (g.rule.apiGroups ?? []).flatMap((group) =>
        (g.rule.resources ?? []).flatMap((resource) =>
          g.rule.verbs
            .map((verb) => ({ verb, group, resource, namespace: g.namespace }) as ApiCall)
            .filter(
              (need) =>
                !h.fake.calls.some((c) =>
                  ruleAllows({ ...g.rule, verbs: [need.verb], resources: [need.resource] }, c),
                ),
            )
            .map((need) => `${g.source}: ${key(need)}`),
        ),
      ),
    );
    expect(unused).toEqual([]);
    expect(h.fake.calls.some((c) => c.namespace === 'kube-system')).toBe(false);
  });

  it('is refused in a namespace that has no RoleBinding, with a 403 that says what to do', async () => {
    h = await startHarness({ authorize: (call) => allowed(granted, call) });
    h.fake.createNamespace('team-a', { openfaas: '1' });
    const err = await h.deployer.deploy({ service: 'fn', image: 'fn:1' }, 'team-a').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect((err as Error).message).toContain('may not do this for function "fn" in namespace "team-a"');
  });

  it('works in a namespace opened with namespace.yaml.tmpl, whose Role equals the main Role', async () => {
    const extra = loadNamespaceTemplate('team-a');
    const role = (objects: typeof manifests, ns: string) =>
      objects.find((m) => m.object.kind === 'Role' && m.object.metadata.namespace === ns)?.object.rules;
    expect(role(extra, 'team-a')).toEqual(role(manifests, 'openfaas-fn'));
    const withExtra = grantedRules([...manifests, ...extra], account);
    h = await startHarness({ authorize: (call) => allowed(withExtra, call) });
    h.fake.createNamespace('team-a', { openfaas: '1' });
    await everything(h, 'team-a');
    expect(await h.namespaces.list()).toEqual(['openfaas-fn', 'team-a']);
    expect(h.fake.calls.filter((c) => !allowed(withExtra, c)).map(key)).toEqual([]);
  });

  it('grants nothing in kube-system and nothing cluster-wide but reading namespaces', () => {
    const clusterWide = granted.filter((g) => g.namespace === undefined);
    expect(clusterWide.map((g) => [g.source, g.rule.resources, g.rule.verbs])).toEqual([
      ['ClusterRole faas-provider-namespaces', ['namespaces'], ['get', 'list', 'watch']],
    ]);
    expect(
      allowed(granted, { verb: 'list', group: 'apps', resource: 'deployments', namespace: 'kube-system' }),
    ).toBe(false);
    expect(allowed(granted, { verb: 'create', group: '', resource: 'pods', namespace: 'openfaas-fn' })).toBe(
      false,
    );
  });
});
