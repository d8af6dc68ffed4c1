// The platform on a REAL single-node Docker Swarm, deployed as deploy/swarm/README.md tells an
// operator: `FAAS_PASSWORD=… deploy/swarm/up.sh --offline` (builds every image FROM the offline
// base), then asynchronous invocation through NATS and the queue worker (swarm-async.ts), the
// conformance kit against the gateway and against the provider directly, the fault tests of
// the stack, function logs and rolling updates (swarm-runtime.ts), the deploy-to-first-invocation
// timings and schemathesis; `down.sh --purge` at the end.
import { containerFunctions, describeProviderConformance } from '@faas/contracts/conformance';
import { components, describeWith } from '@faas/e2e';
import { until } from '@faas/service-kit/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDeployTiming, describeOrchestratorFuzz, GATEWAY_OWN_ROUTES } from './orchestrator-cases.js';
import { describeSwarmAsync } from './swarm-async.js';
import { itListsFunctionsAfterProviderRestart } from './orchestrator-faults.js';
import { describeSwarmRuntime } from './swarm-runtime.js';
import { describeWebSocketCases } from './websocket-cases.js';
import {
  downStack,
  fetchWithin,
  GatewayClient,
  gatewayUrl,
  newPassword,
  run,
  upStack,
} from './swarm-support.js';

/** The conformance image: busybox and the watchdog (faas/watchdog built FROM the offline base). */
const KIT_IMAGE = 'faas/watchdog:latest';

describeWith([components.docker, components.swarm], 'faas on a real Docker Swarm', () => {
  const password = newPassword();
  const gateway = new GatewayClient(gatewayUrl, password);
  let upOutput = '';
  let providerUrl = '';
  let providerDir = '';

  beforeAll(async () => {
    await downStack(); // a clean swarm even after an interrupted run (idempotent)
    upOutput = await upStack(password);
    // A second provider from the same image, published on a free loopback port, so the kit can
    // also check the provider contract itself (the stack's provider is only on the overlay).
    providerDir = await mkdtemp(join(tmpdir(), 'faas-swarm-e2e-'));
    await writeFile(join(providerDir, 'basic-auth-user'), 'admin');
    await writeFile(join(providerDir, 'basic-auth-password'), password);
    await run('docker', ['rm', '-f', 'faas-e2e-provider']).catch(() => undefined);
    await run('docker', [
      'run',
      '-d',
      '--name',
      'faas-e2e-provider',
      '--network',
      'functions',
      '-v',
      '/var/run/docker.sock:/var/run/docker.sock',
      '-v',
      `${providerDir}:/secrets:ro`,
      '-e',
      'secret_mount_path=/secrets',
      '-e',
      'function_network=functions',
      '-p',
      '127.0.0.1::8080',
      'faas/provider-swarm:latest',
    ]);
    const port = (await run('docker', ['port', 'faas-e2e-provider', '8080/tcp'])).split('\n')[0]?.trim();
    providerUrl = `http://${port}`;
    await until(
      'the direct provider',
      async () =>
        (await fetchWithin(`${providerUrl}/healthz`, {}, 2000).then(
          (r) => r.status,
          () => 0,
        )) === 200
          ? true
          : undefined,
      30_000,
    );
  }, 600_000);

  afterAll(async () => {
    await run('docker', ['rm', '-f', 'faas-e2e-provider']).catch(() => undefined);
    if (providerDir) await rm(providerDir, { recursive: true, force: true });
    await downStack();
  }, 240_000);

  describe('up.sh', () => {
    it('prints the URL, the user and a command that reads the password', async () => {
      expect(upOutput).toContain(`Gateway:   ${gatewayUrl}`);
      expect(upOutput).toContain('User:      admin');
      const command = /Password:\s+(.+)$/m.exec(upOutput)?.[1];
      expect(command).toMatch(/^docker exec /);
      expect((await run('sh', ['-c', command ?? 'false'])).trim()).toBe(password);
    });

    it('serves the gateway on the published host port, with the Swarm provider behind it', async () => {
      expect((await fetchWithin(`${gatewayUrl}/healthz`)).status).toBe(200);
      const res = await gateway.system('GET', '/system/info');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        provider: { provider: 'faas-swarm', orchestration: 'swarm' },
      });
      expect((await gateway.system('GET', '/system/functions')).status).toBe(200);
      const anonymous = await fetchWithin(`${gatewayUrl}/system/functions`);
      expect(anonymous.status).toBe(401);
    });
  });

  describeSwarmAsync(gateway);

  describeSwarmRuntime(gateway);

  // The example image faas/fn-ws-echo, built by deploy/swarm/up.sh through deploy/functions/build.sh.
  describeWebSocketCases({
    platform: 'the Swarm stack',
    url: () => gatewayUrl,
    deploy: () => gateway.deploy({ service: 'ws-echo', image: 'faas/fn-ws-echo:latest' }),
    remove: () =>
      gateway.system('DELETE', '/system/functions', { functionName: 'ws-echo' }).then(() => undefined),
  });

  describeProviderConformance({
    title: 'conformance kit against the gateway',
    baseUrl: gatewayUrl,
    auth: () => ({ user: 'admin', password }),
    functions: containerFunctions(KIT_IMAGE),
    namePrefix: 'gw',
    skip: GATEWAY_OWN_ROUTES,
  });

  describeProviderConformance({
    title: 'conformance kit against the Swarm provider directly',
    baseUrl: () => providerUrl,
    auth: () => ({ user: 'admin', password }),
    functions: containerFunctions(KIT_IMAGE),
    namePrefix: 'pv',
    skip: [],
  });

  describe('faults', () => {
    it('replaces a killed function container, and invocations succeed again within 20 s', async () => {
      await gateway.deploy({ service: 'fault-kill', image: 'faas/fn-cat:latest' });
      expect(await gateway.invokeUntilOk('fault-kill', 'before', 30_000)).toBe('before');
      const [container] = await containersOf('fault-kill');
      await run('docker', ['kill', container!]);
      const killedAt = Date.now();
      // 2 s per call: a call the gateway sends to the dead replica's address hangs (no RST on the
      // overlay) until the caller gives up.
      expect(await gateway.invokeUntilOk('fault-kill', 'after', 20_000, 2_000)).toBe('after');
      const recoveredMs = Date.now() - killedAt;
      const now = await containersOf('fault-kill');
      expect(now).not.toContain(container);
      console.log(`swarm e2e: a killed replica was replaced and answering after ${recoveredMs} ms`);
    }, 90_000);

    itListsFunctionsAfterProviderRestart({
      platform: 'swarm',
      gateway,
      alsoListed: ['fault-kill'],
      async killProvider() {
        const [provider] = await containersOf('faas_provider');
        await run('docker', ['kill', provider!]);
      },
    });

    it('deploys an image that does not exist: 202, never available, the reason in the logs and the status, nothing else disturbed', async () => {
      await gateway.deploy({ service: 'fault-other', image: 'faas/fn-cat:latest' });
      await gateway.invokeUntilOk('fault-other', 'ok', 30_000);
      await gateway.deploy({ service: 'fault-noimage', image: 'faas/does-not-exist:1' });
      const logs = await until(
        'the task error in the logs',
        async () => {
          const res = await gateway.system('GET', '/system/logs?name=fault-noimage&tail=10');
          const text = await res.text();
          return res.status === 200 && text.includes('No such image') ? text : undefined;
        },
        30_000,
        500,
      );
      const line = JSON.parse(logs.split('\n').find((l) => l.includes('No such image')) ?? '{}') as Record<
        string,
        string
      >;
      expect(line).toMatchObject({
        name: 'fault-noimage',
        text: 'task rejected: No such image: faas/does-not-exist:1',
      });
      // The single read says why (contracts/openapi.yaml, notReadyReason), as `docker service ps` does.
      expect(await gateway.status('fault-noimage')).toMatchObject({
        replicas: 1,
        availableReplicas: 0,
        notReadyReason: 'rejected: No such image: faas/does-not-exist:1',
      });
      // The gateway holds the call for a replica (scale_from_zero_timeout, 30 s), then answers 503;
      // meanwhile the other function answers as usual.
      const held = gateway.invoke('fault-noimage', 'x', 'POST', 60_000);
      expect(await gateway.invokeUntilOk('fault-other', 'undisturbed', 5_000)).toBe('undisturbed');
      const invoked = await held;
      expect([502, 503]).toContain(invoked.status);
      expect(invoked.headers.get('x-openfaas-internal')).toBeTruthy();
      expect((await gateway.status('fault-other'))?.availableReplicas).toBe(1);
      expect(
        (await gateway.system('DELETE', '/system/functions', { functionName: 'fault-noimage' })).status,
      ).toBe(202);
    }, 120_000);
  });

  describeDeployTiming({ platform: 'swarm', gateway, oneWithinMs: 10_000, tenWithinMs: 30_000 });

  describeOrchestratorFuzz({ gateway, providerUrl: () => providerUrl, password });

  async function containersOf(service: string): Promise<string[]> {
    const out = await run('docker', ['ps', '-q', '-f', `label=com.docker.swarm.service.name=${service}`]);
    return out.split('\n').filter(Boolean);
  }
});
