// RBAC on the real API server. The provider runs with the manifests' ServiceAccount (every other
// suite here proves it can do what it needs); with that account's own token the API server refuses
// everything outside its namespaces, and so does the provider for namespaces it does not serve.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@faas/service-kit/testing';
import { canI, type GatewayClient, FUNCTIONS_NS, kubectl, PLATFORM_NS } from './kubernetes-support.js';

const ACCOUNT = `system:serviceaccount:${PLATFORM_NS}:faas-provider`;

export function describeRbac(gateway: GatewayClient): void {
  describe('RBAC of the provider ServiceAccount', () => {
    let dir = '';
    let kubeconfig = '';

    beforeAll(async () => {
      // A kubeconfig with the admin's cluster and CA, and the account's own token as the user.
      const token = (
        await kubectl(['-n', PLATFORM_NS, 'create', 'token', 'faas-provider', '--duration=10m'])
      ).trim();
      const view = (path: string) =>
        kubectl(['config', 'view', '--raw', '--minify', '-o', `jsonpath={${path}}`]);
      const server = await view('.clusters[0].cluster.server');
      const ca = await view('.clusters[0].cluster.certificate-authority-data');
      dir = await mkdtemp(join(tmpdir(), 'faas-e2e-rbac-'));
      kubeconfig = join(dir, 'kubeconfig');
      await writeFile(
        kubeconfig,
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [{ name: 'e2e', cluster: { server, 'certificate-authority-data': ca } }],
          users: [{ name: 'faas-provider', user: { token } }],
          contexts: [{ name: 'e2e', context: { cluster: 'e2e', user: 'faas-provider' } }],
          'current-context': 'e2e',
        }),
      );
    });

    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
      await kubectl(['delete', 'namespace', 'faas-e2e-unbound', '--ignore-not-found', '--wait=false']).catch(
        () => undefined,
      );
    });

    /** kubectl as the provider's ServiceAccount (its token, not impersonation): output or the refusal. */
    async function asProvider(args: string[]): Promise<{ ok: boolean; out: string }> {
      return kubectl(['--kubeconfig', kubeconfig, ...args]).then(
        (out) => ({ ok: true, out }),
        (err: unknown) => ({ ok: false, out: String(err) }),
      );
    }

    it('lets the account manage functions in openfaas-fn', async () => {
      for (const args of [
        ['-n', FUNCTIONS_NS, 'get', 'deployments'],
        ['-n', FUNCTIONS_NS, 'get', 'secrets'],
        ['-n', FUNCTIONS_NS, 'get', 'endpointslices'],
        ['-n', FUNCTIONS_NS, 'get', 'pods'],
      ]) {
        const res = await asProvider(args);
        expect([args.join(' '), res.ok]).toEqual([args.join(' '), true]);
      }
      expect(canI(ACCOUNT, ['create', 'deployments', '-n', FUNCTIONS_NS])).toBe(true);
    });

    it('is refused by the API server outside its namespaces and beyond its verbs', async () => {
      const refused: [string[], RegExp][] = [
        [['-n', 'default', 'get', 'deployments'], /forbidden/i],
        [['-n', 'kube-system', 'get', 'secrets'], /forbidden/i],
        [['-n', PLATFORM_NS, 'get', 'secrets'], /forbidden/i],
        [['-n', PLATFORM_NS, 'get', 'deployments'], /forbidden/i],
        [['get', 'nodes'], /forbidden/i],
        [['-n', FUNCTIONS_NS, 'get', 'configmaps'], /forbidden/i],
        [['-n', FUNCTIONS_NS, 'delete', 'pods', '--all'], /forbidden/i],
        [['-n', FUNCTIONS_NS, 'create', 'serviceaccount', 'escalate'], /forbidden/i],
      ];
      for (const [args, error] of refused) {
        const res = await asProvider(args);
        expect([args.join(' '), res.ok]).toEqual([args.join(' '), false]);
        expect(res.out).toMatch(error);
        expect(res.out).toContain(ACCOUNT);
      }
      for (const [verb, resource, ns] of [
        ['create', 'deployments', 'default'],
        ['get', 'secrets', PLATFORM_NS],
        ['create', 'rolebindings', FUNCTIONS_NS],
        ['list', 'secrets', 'kube-system'],
      ]) {
        expect([verb, resource, ns, canI(ACCOUNT, [verb!, resource!, '-n', ns!])]).toEqual([
          verb,
          resource,
          ns,
          false,
        ]);
      }
    });

    it('makes the provider refuse namespaces it does not serve: 400 unannotated, 403 annotated but unbound', async () => {
      const other = await gateway.system('POST', '/system/functions?namespace=default', {
        service: 'rbac-cat',
        image: 'faas/fn-cat:latest',
        namespace: 'default',
      });
      expect(other.status).toBe(400);
      const system = await gateway.system('GET', '/system/functions?namespace=kube-system');
      expect(system.status).toBe(400);
      // Annotated openfaas=1 (the README's "More namespaces") but without the RoleBinding: the real
      // API server refuses the provider, which says which binding is missing.
      await kubectl(['create', 'namespace', 'faas-e2e-unbound']);
      await kubectl(['annotate', 'namespace', 'faas-e2e-unbound', 'openfaas=1']);
      // 400 (not an OpenFaaS namespace) until the provider sees the annotation.
      const res = await until(
        'faas-e2e-unbound to be taken for an OpenFaaS namespace',
        async () => {
          const res = await gateway.system('GET', '/system/functions?namespace=faas-e2e-unbound');
          return res.status === 400 ? undefined : res;
        },
        10_000,
        250,
      );
      expect(res.status).toBe(403);
      expect(await res.text()).toMatch(/RoleBinding|faas-provider/);
      const deployments = await kubectl(['-n', 'faas-e2e-unbound', 'get', 'deployments', '-o', 'name']);
      expect(deployments.trim()).toBe('');
    }, 60_000);
  });
}
