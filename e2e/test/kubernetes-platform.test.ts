// faas on a REAL single-node Kubernetes (e2e/kubernetes/cluster.sh: kube-apiserver, etcd, the
// controller manager, the scheduler, kubelet on containerd, kube-proxy, CoreDNS, all built from
// Kubernetes' own modules), installed exactly as provider-kubernetes/README.md tells a user:
// images, namespaces, the basic-auth Secret, `kubectl apply -f deploy/kubernetes/`, rollouts, the
// gateway through `kubectl port-forward`. One install serves every describe block below (each in
// its own kubernetes-*.ts file); `kubectl delete -f deploy/kubernetes/` at the end.
//
// After the README's port-forward is checked, the suites call the gateway at its Service's
// ClusterIP from this node (kube-proxy's rules): a forward is one kubectl process attached to one
// pod, which ends with that pod or with any stream error, and thousands of calls under faults would
// test kubectl rather than faas.
import { containerFunctions, describeProviderConformance } from '@faas/contracts/conformance';
import { describeWith } from '@faas/e2e';
import { freePort } from '@faas/service-kit/testing';
import { describeFaasCli } from './faas-cli-cases.js';
import { describeDeployTiming, describeOrchestratorFuzz, GATEWAY_OWN_ROUTES } from './orchestrator-cases.js';
import { describeWebSocketCases } from './websocket-cases.js';
import {
  clusterEnv,
  FUNCTIONS_NS,
  GatewayClient,
  getJson,
  install,
  kubectl,
  kubernetesCluster,
  newPassword,
  PLATFORM_NS,
  PortForward,
  ROLLOUTS,
  uninstall,
} from './kubernetes-support.js';
import { describeAlertScaling } from './kubernetes-alerts.js';
import { describeAsync } from './kubernetes-async.js';
import { describeFaults } from './kubernetes-faults.js';
import { describeInvocations } from './kubernetes-invoke.js';
import { describeRbac } from './kubernetes-rbac.js';
import { describeScaling } from './kubernetes-scale.js';
import { describeSecretsAndLogs } from './kubernetes-secrets-logs.js';

/** The conformance image: busybox and the watchdog (faas/watchdog built FROM the offline base). */
const KIT_IMAGE = 'faas/watchdog:latest';

describeWith([kubernetesCluster], 'faas on a real Kubernetes', () => {
  const password = newPassword();
  let gatewayForward: PortForward;
  let providerForward: PortForward;
  const gateway = new GatewayClient('http://127.0.0.1:0', password);

  beforeAll(async () => {
    await install(password);
    // README step 5, and the provider's own port the same way (its README, "How it is tested").
    gatewayForward = await new PortForward('svc/gateway', 8080, await freePort()).start();
    providerForward = await new PortForward('deploy/gateway', 8081, await freePort()).start();
    const clusterIp = await kubectl([
      '-n',
      PLATFORM_NS,
      'get',
      'svc',
      'gateway',
      '-o',
      'jsonpath={.spec.clusterIP}',
    ]);
    Object.assign(gateway, { baseUrl: `http://${clusterIp.trim()}:8080` });
  }, 1_200_000);

  afterAll(async () => {
    await gatewayForward?.stop();
    await providerForward?.stop();
    if (process.env.FAAS_E2E_K8S_KEEP !== '1') await uninstall();
  }, 360_000);

  describe('kubectl apply -f deploy/kubernetes/', () => {
    it('runs every workload of the manifests Ready, on this cluster', async () => {
      for (const workload of ROLLOUTS) {
        const obj = await getJson<{ spec: { replicas: number }; status: { readyReplicas?: number } }>([
          '-n',
          PLATFORM_NS,
          workload,
        ]);
        expect([workload, obj.status.readyReplicas]).toEqual([workload, obj.spec.replicas]);
      }
      const claim = await getJson<{ status: { phase: string } }>(['-n', PLATFORM_NS, 'pvc', 'data-nats-0']);
      expect(claim.status.phase).toBe('Bound');
    });

    it('serves the gateway through kubectl port-forward, with the Kubernetes provider behind it', async () => {
      expect((await fetch(`${gatewayForward.url}/healthz`)).status).toBe(200);
      const forwarded = new GatewayClient(gatewayForward.url, password);
      expect((await forwarded.system('GET', '/system/functions')).status).toBe(200);
      const res = await forwarded.system('GET', '/system/info');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        provider: { provider: 'faas-provider-kubernetes', orchestration: 'kubernetes' },
      });
    });

    it('takes the credentials from the basic-auth Secret: none or a wrong password is 401', async () => {
      expect((await gateway.system('GET', '/system/functions')).status).toBe(200);
      expect((await fetch(`${gateway.baseUrl}/system/functions`)).status).toBe(401);
      const wrong = new GatewayClient(gateway.baseUrl, `${password}x`);
      expect((await wrong.system('GET', '/system/functions')).status).toBe(401);
      // The README's way to read the password back.
      const stored = await kubectl([
        '-n',
        PLATFORM_NS,
        'get',
        'secret',
        'basic-auth',
        '-o',
        'jsonpath={.data.basic-auth-password}',
      ]);
      expect(Buffer.from(stored, 'base64').toString()).toBe(password);
    });
  });

  describeProviderConformance({
    title: 'conformance kit against the gateway',
    baseUrl: () => gateway.baseUrl,
    auth: () => ({ user: 'admin', password }),
    functions: containerFunctions(KIT_IMAGE),
    namePrefix: 'gw',
    readyTimeoutMs: 90_000,
    skip: GATEWAY_OWN_ROUTES,
  });

  describeProviderConformance({
    title: 'conformance kit against the Kubernetes provider (its port in the gateway pod)',
    baseUrl: () => providerForward.url,
    auth: () => ({ user: 'admin', password }),
    functions: containerFunctions(KIT_IMAGE),
    namePrefix: 'pv',
    readyTimeoutMs: 90_000,
    skip: [],
  });

  describeInvocations(gateway, () => providerForward.url, FUNCTIONS_NS);
  describeScaling(gateway, FUNCTIONS_NS);
  describeSecretsAndLogs(gateway, password, FUNCTIONS_NS);
  describeAlertScaling(gateway, FUNCTIONS_NS);
  describeAsync(gateway);
  describeFaults(gateway, FUNCTIONS_NS);
  describeRbac(gateway);
  describeDeployTiming({ platform: 'kubernetes', gateway, oneWithinMs: 30_000, tenWithinMs: 90_000 });

  // The real faas-cli (every release in e2e/openfaas/tools.txt), the cases faas-cli-local and
  // faas-cli-swarm run, against this install's gateway.
  describeFaasCli({
    orchestration: 'kubernetes',
    needs: [],
    image: KIT_IMAGE,
    catSecret: (name) => `cat /var/openfaas/secrets/${name}`,
    // The queue worker's pod reaches this host at its bridge's gateway address.
    callbackHost: () => Promise.resolve(clusterEnv.FAAS_K8S_HOST_FOR_PODS ?? ''),
    start: () => Promise.resolve({ url: gateway.baseUrl, password }),
    stop: () => Promise.resolve(),
  });

  describeWebSocketCases({
    platform: 'the Kubernetes gateway',
    url: () => gateway.baseUrl,
    deploy: () => gateway.deploy({ service: 'ws-echo', image: 'faas/fn-ws-echo:latest' }),
    remove: () =>
      gateway.system('DELETE', '/system/functions', { functionName: 'ws-echo' }).then(() => undefined),
  });

  // A scale from zero starts a pod: on the CI cluster under fuzzing that took over 30 s (the
  // gateway's 503 and a 15 s read timeout); kubernetes-scale.ts tests scaling from zero itself.
  describeOrchestratorFuzz({ gateway, providerUrl: () => providerForward.url, password, keepAReplica: true });
});
