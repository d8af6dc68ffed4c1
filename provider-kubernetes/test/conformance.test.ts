// The conformance kit against the whole provider — container, createProviderApp, roles, the real
// client — over HTTP, with the fake API server as the cluster. Deployments become available at
// once (the fake plays a healthy cluster), and the provider has only the permissions the manifests
// give its service account. Cases that need a process in a pod are skipped: the
// fake has no kubelet, so nothing can answer an invocation or write a log line.
import 'reflect-metadata';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { containerFunctions, describeProviderConformance } from '@faas/contracts/conformance';
import { MemoryLogger } from '@faas/service-kit';
import { createContainer } from '../src/container.js';
import { loadKubernetesProviderConfig } from '../src/config.js';
import { KubernetesProvider } from '../src/kubernetes-provider.js';
import { FakeApiServer } from './fake-apiserver/server.js';
import { loadManifests } from './support/manifests.js';
import { allowed, grantedRules } from './support/rbac.js';

const auth = { user: 'admin', password: 'conformance-password' };
let fake: FakeApiServer;
let provider: KubernetesProvider;
let server: Server;

beforeAll(async () => {
  // Every call is checked against the RBAC rules of deploy/kubernetes/ (403 otherwise).
  const granted = grantedRules(loadManifests(), { namespace: 'openfaas', name: 'faas-provider' });
  fake = await new FakeApiServer({
    readyDeployments: true,
    authorize: (call) => allowed(granted, call),
  }).start();
  fake.createNamespace('openfaas-fn');
  const config = loadKubernetesProviderConfig({});
  provider = createContainer({
    config,
    logger: new MemoryLogger(),
    kubeConfig: fake.kubeConfig(),
    credentials: { auth },
  }).get(KubernetesProvider);
  await provider.start('fake API server');
  server = createServer(provider.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await provider.close();
  await fake.stop();
});

describeProviderConformance({
  title: 'provider-kubernetes conformance (fake API server)',
  baseUrl: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  auth,
  functions: containerFunctions('faas/conformance-functions:test'),
  readyTimeoutMs: 5000,
  pollMs: 20,
  skip: [
    {
      reason:
        'invocations need a real pod: the fake API server has no kubelet, so no watchdog answers (run the kit against a real cluster for these)',
      tests: [
        'invoke-methods',
        'invoke-query',
        'invoke-redirect-unfollowed',
        'update-existing',
        'secret-value-read',
        'secret-raw-read',
        'secret-raw-wins',
      ],
    },
    {
      reason:
        'log lines come from a running container; with no kubelet nothing writes them (KubeLogReader is tested in logs.test.ts)',
      tests: ['logs-forking', 'logs-follow'],
    },
  ],
});
