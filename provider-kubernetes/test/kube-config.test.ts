// Reaching the API server: KUBECONFIG, the in-cluster service account, ~/.kube/config, or a
// startup error that says what was tried; then the startup check against the fake API server.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCluster } from '../src/kube/check-cluster.js';
import { createKubeClients } from '../src/kube/clients.js';
import { KubeConfigError, loadKubeConfig } from '../src/kube/kube-config.js';
import { FakeApiServer } from './fake-apiserver/server.js';

const temp = () => mkdtempSync(join(tmpdir(), 'faas-k8s-'));

function kubeconfigFile(server: string, token: string): string {
  const file = join(temp(), 'config');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      // client-node refuses plain http unless TLS verification is off, as for a kubectl proxy.
      `clusters: [{name: c, cluster: {server: "${server}", insecure-skip-tls-verify: true}}]`,
      `users: [{name: u, user: {token: "${token}"}}]`,
      'contexts: [{name: x, context: {cluster: c, user: u}}]',
      'current-context: x',
    ].join('\n'),
  );
  return file;
}

function serviceAccount(): string {
  const dir = temp();
  writeFileSync(join(dir, 'token'), 'sa-token');
  writeFileSync(join(dir, 'ca.crt'), 'not a real CA');
  writeFileSync(join(dir, 'namespace'), 'openfaas');
  return dir;
}

describe('loadKubeConfig', () => {
  const nowhere = {
    serviceAccountDir: join(tmpdir(), 'no-such-sa'),
    homeDir: join(tmpdir(), 'no-such-home'),
  };

  it('uses the file KUBECONFIG names, before a service account', () => {
    const file = kubeconfigFile('http://127.0.0.1:6443', 't');
    const loaded = loadKubeConfig(
      { KUBECONFIG: file, KUBERNETES_SERVICE_HOST: '10.0.0.1' },
      { ...nowhere, serviceAccountDir: serviceAccount() },
    );
    expect([loaded.source, loaded.server]).toEqual([`KUBECONFIG=${file}`, 'http://127.0.0.1:6443']);
  });

  it.each([
    [{ KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' }, 'https://10.96.0.1:443'],
    [{ KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '6443' }, 'https://[fd00::1]:6443'],
  ])('uses the pod service account in a cluster (%j)', (env, server) => {
    const dir = serviceAccount();
    const loaded = loadKubeConfig(env, { ...nowhere, serviceAccountDir: dir });
    expect([loaded.source, loaded.server]).toEqual(['in-cluster service account', server]);
    expect(loaded.kubeConfig.getCurrentCluster()?.caFile).toBe(join(dir, 'ca.crt'));
    expect(loaded.kubeConfig.getCurrentUser()?.authProvider).toEqual({
      name: 'tokenFile',
      config: { tokenFile: join(dir, 'token') },
    });
  });

  it('falls back to ~/.kube/config', () => {
    const home = temp();
    mkdirSync(join(home, '.kube'));
    writeFileSync(
      join(home, '.kube', 'config'),
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://k:6443"}}]\nusers: [{name: u, user: {}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n',
    );
    expect(loadKubeConfig({}, { ...nowhere, homeDir: home }).source).toBe('~/.kube/config');
  });

  it.each([
    [
      'nothing is configured',
      {},
      /not running in a pod.*KUBECONFIG is unset.*does not exist\. Deploy with deploy\/kubernetes\/ or set KUBECONFIG/,
    ],
    [
      'KUBECONFIG names a missing file',
      { KUBECONFIG: '/nope/config' },
      /KUBECONFIG names \/nope\/config, which does not exist/,
    ],
    [
      'a service host without a token',
      { KUBERNETES_SERVICE_HOST: '10.0.0.1' },
      /KUBERNETES_SERVICE_HOST is set, .*token is missing/,
    ],
  ])('fails with what was tried when %s', (_what, env, message) => {
    expect(() => loadKubeConfig(env, nowhere)).toThrow(KubeConfigError);
    expect(() => loadKubeConfig(env, nowhere)).toThrow(message);
  });

  it('fails clearly for a kubeconfig whose current context names no cluster', () => {
    const file = join(temp(), 'config');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\ncurrent-context: gone\n',
    );
    expect(() => loadKubeConfig({ KUBECONFIG: file }, nowhere)).toThrow(
      /current context "gone" names no cluster/,
    );
  });
});

describe('checkCluster at startup', () => {
  let fake: FakeApiServer;
  beforeEach(async () => {
    fake = await new FakeApiServer({ authorize: (c) => c.namespace !== 'locked' }).start();
    fake.createNamespace('openfaas-fn');
  });
  afterEach(() => fake.stop());
  const clientsFor = (token: string) =>
    createKubeClients(loadKubeConfig({ KUBECONFIG: kubeconfigFile(fake.url, token) }).kubeConfig);

  it('passes through a KUBECONFIG file for a working cluster', async () => {
    await expect(checkCluster(clientsFor('fake-token'), 'openfaas-fn', 'test')).resolves.toBeUndefined();
  });

  it.each([
    ['wrong credentials', 'bad-token', 'openfaas-fn', /refused the credentials from test \(401\)/],
    ['a missing namespace', 'fake-token', 'nowhere', /namespace "nowhere" does not exist/],
    ['no permission', 'fake-token', 'locked', /may not list deployments in namespace "locked" \(403\)/],
  ])('fails with the fix for %s', async (_what, token, namespace, message) => {
    await expect(checkCluster(clientsFor(token), namespace, 'test')).rejects.toThrow(message);
  });

  it('fails naming the server when nothing answers', async () => {
    const url = fake.url;
    await fake.stop();
    const clients = createKubeClients(loadKubeConfig({ KUBECONFIG: kubeconfigFile(url, 't') }).kubeConfig);
    await expect(checkCluster(clients, 'openfaas-fn', 'test')).rejects.toThrow(
      `cannot reach the Kubernetes API server at ${url}`,
    );
    fake = await new FakeApiServer().start();
  });
});
