// Shared pieces of the Kubernetes end-to-end suites: the single-node cluster that
// e2e/kubernetes/cluster.sh runs on this host, kubectl against it, faas installed exactly as
// provider-kubernetes/README.md tells a user (images, namespaces, the basic-auth Secret,
// `kubectl apply -f deploy/kubernetes/`, rollouts) and the gateway reached through
// `kubectl port-forward`. Every wait is bounded.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { connect as connectTcp, createServer as createNetServer, type Server, type Socket } from 'node:net';
import type { Component } from '@faas/e2e';
import { freePort, until } from '@faas/service-kit/testing';
import { GatewayClient, newPassword, repoRoot, run } from './swarm-support.js';

export { GatewayClient, newPassword, run };

const clusterScript = `${repoRoot}e2e/kubernetes/cluster.sh`;

/** What `cluster.sh env` says: the kubeconfig, the binaries, the cluster's containerd socket. */
function readClusterEnv(): Record<string, string> {
  const out = spawnSync('bash', [clusterScript, 'env'], { encoding: 'utf8', timeout: 10_000 }).stdout ?? '';
  const env: Record<string, string> = {};
  for (const m of out.matchAll(/^export (\w+)=(.*)$/gm)) env[m[1]!] = m[2]!;
  return env;
}

/** `cluster.sh env`, read once. */
export const clusterEnv = readClusterEnv();
const env = clusterEnv;
const kubectlBin = `${env.FAAS_K8S_BIN ?? ''}/kubectl`;
const kubeEnv = { KUBECONFIG: env.KUBECONFIG ?? '' };

/** The cluster as a component: its API server answers /readyz with the admin credentials. */
export const kubernetesCluster: Component = {
  name: 'the e2e Kubernetes cluster',
  hint: 'bash e2e/kubernetes/cluster.sh up (CI: bash .ci/kubernetes.sh up)',
  available: () =>
    spawnSync(kubectlBin, ['get', '--raw', '/readyz'], {
      env: { ...process.env, ...kubeEnv },
      stdio: 'ignore',
      timeout: 10_000,
    }).status === 0,
};

/** kubectl against the e2e cluster, as the admin. */
export function kubectl(args: string[], timeoutMs = 120_000): Promise<string> {
  return run(kubectlBin, args, kubeEnv, timeoutMs);
}

/** `kubectl auth can-i …` as `user`: its answer is its exit code (0 yes, 1 no). */
export function canI(user: string, args: string[]): boolean {
  const answer = spawnSync(kubectlBin, ['auth', 'can-i', ...args, '--as', user], {
    env: { ...process.env, ...kubeEnv },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (answer.status !== 0 && answer.stdout.trim() !== 'no')
    throw new Error(`kubectl auth can-i ${args.join(' ')}: ${answer.stdout}${answer.stderr}`);
  return answer.status === 0;
}

/** `kubectl get -o json` of one object or list, parsed. */
export async function getJson<T = Record<string, unknown>>(args: string[]): Promise<T> {
  return JSON.parse(await kubectl(['get', ...args, '-o', 'json'])) as T;
}

/** The platform's and the functions' namespaces (deploy/kubernetes/00-namespaces.yaml). */
export const PLATFORM_NS = 'openfaas';
export const FUNCTIONS_NS = 'openfaas-fn';

/**
 * `kubectl port-forward` kept running: the README's way to reach the gateway. A forward to a
 * Service picks one pod and ends with it, and kubectl also exits when the pod side resets a
 * connection (schemathesis's malformed requests do). So kubectl forwards to a private port, is
 * started again whenever it exits until `stop()`, and `localPort` is a small relay in this process
 * that waits (up to 15 s) for the forward to be back before connecting: a caller sees a restart
 * as a slower connect, not as "connection refused".
 */
export class PortForward {
  private child: ChildProcess | undefined;
  private relay: Server | undefined;
  private readonly clients = new Set<Socket>();
  private kubectlPort = 0;
  private stopped = false;
  private log = '';

  constructor(
    readonly target: string,
    readonly remotePort: number,
    readonly localPort: number,
    readonly namespace = PLATFORM_NS,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.localPort}`;
  }

  /** Starts the forward and waits until the local port answers HTTP. */
  async start(): Promise<this> {
    this.stopped = false;
    this.kubectlPort = await freePort();
    const relay = createNetServer((client) => this.connect(client, Date.now() + 15_000));
    await new Promise<void>((resolve, reject) => {
      relay.once('error', reject);
      relay.listen(this.localPort, '127.0.0.1', resolve);
    });
    this.relay = relay;
    this.spawn();
    await until(
      `port-forward ${this.target} to answer on ${this.localPort}`,
      async () => {
        await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2000) });
        return true;
      },
      60_000,
      250,
    );
    return this;
  }

  /** Pipes `client` to kubectl's port, retrying the connect while kubectl restarts. */
  private connect(client: Socket, deadline: number): void {
    if (!this.clients.has(client)) {
      this.clients.add(client);
      client.pause();
      client.on('error', () => undefined);
      client.once('close', () => this.clients.delete(client));
    }
    let connected = false;
    const upstream = connectTcp(this.kubectlPort, '127.0.0.1');
    upstream.once('connect', () => {
      connected = true;
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      if (connected) client.destroy();
      else if (this.stopped || Date.now() > deadline || client.destroyed) client.destroy();
      else setTimeout(() => this.connect(client, deadline), 100);
    });
  }

  private spawn(): void {
    const child = spawn(
      kubectlBin,
      [
        '-n',
        this.namespace,
        'port-forward',
        '--address',
        '127.0.0.1',
        this.target,
        `${this.kubectlPort}:${this.remotePort}`,
      ],
      { env: { ...process.env, ...kubeEnv }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (d: Buffer) => (this.log = (this.log + d.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', () => {
      if (!this.stopped) setTimeout(() => !this.stopped && this.spawn(), 200);
    });
    this.child = child;
  }

  /** What kubectl printed last (for a failure message). */
  output(): string {
    return this.log;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
    const relay = this.relay;
    if (relay) {
      for (const client of this.clients) client.destroy();
      await new Promise((resolve) => relay.close(resolve));
    }
  }
}

/** Where the suites write what installing faas printed (kept for a failed CI run). */
export const INSTALL_LOG = process.env.FAAS_E2E_K8S_LOG ?? '/tmp/faas-e2e-kubernetes.log';

async function logged<T>(what: string, step: () => Promise<T>): Promise<T> {
  const out = await step();
  await writeFile(INSTALL_LOG, `\n$ ${what}\n${String(out)}`, { flag: 'a' });
  return out;
}

/**
 * A PersistentVolume for NATS' claim `data-nats-0`: this cluster has no StorageClass (the
 * manifests use the default one), so like an administrator of such a cluster we offer one local
 * volume of the requested size, bound by the claim. A fresh directory each install.
 */
async function offerNatsVolume(): Promise<void> {
  const dir = `${env.FAAS_K8S_STATE ?? '/var/lib/faas-k8s'}/volumes/nats`;
  await kubectl(['delete', 'pv', 'faas-e2e-nats', '--ignore-not-found', '--wait']);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const pv = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'faas-e2e-nats' },
    spec: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      local: { path: dir },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] },
          ],
        },
      },
    },
  };
  const file = `${dir}.json`;
  await writeFile(file, JSON.stringify(pv));
  await kubectl(['apply', '-f', file]);
}

/** The platform's workloads, as the README's step 4 waits for them. */
export const ROLLOUTS = [
  'deploy/gateway',
  'deploy/prometheus',
  'deploy/alertmanager',
  'statefulset/nats',
  'deploy/queue-worker',
];

/** Removes faas (the README's `kubectl delete -f deploy/kubernetes/`) and waits until it is gone. */
export async function uninstall(): Promise<void> {
  await logged('kubectl delete -f deploy/kubernetes/', () =>
    kubectl(
      ['delete', '-f', 'deploy/kubernetes/', '--ignore-not-found', '--wait', '--timeout', '240s'],
      300_000,
    ),
  );
}

/**
 * Installs faas exactly as provider-kubernetes/README.md says, after a clean uninstall: the images
 * (built and imported by e2e/kubernetes/images.sh: the cluster has no registry), the namespaces, the
 * basic-auth Secret with `password`, `kubectl apply -f deploy/kubernetes/`, every rollout.
 */
export async function install(password: string): Promise<void> {
  await writeFile(INSTALL_LOG, '');
  await uninstall();
  // FAAS_E2E_K8S_NO_BUILD=1 imports the images Docker already has (local iterations; CI never sets it).
  const noBuild = process.env.FAAS_E2E_K8S_NO_BUILD === '1' ? ['--no-build'] : [];
  await logged('e2e/kubernetes/images.sh', () =>
    run('bash', ['e2e/kubernetes/images.sh', ...noBuild], {}, 900_000),
  );
  await offerNatsVolume();
  await logged('kubectl apply -f deploy/kubernetes/00-namespaces.yaml', () =>
    kubectl(['apply', '-f', 'deploy/kubernetes/00-namespaces.yaml']),
  );
  await logged('kubectl -n openfaas create secret generic basic-auth', () =>
    kubectl([
      '-n',
      PLATFORM_NS,
      'create',
      'secret',
      'generic',
      'basic-auth',
      '--from-literal=basic-auth-user=admin',
      `--from-literal=basic-auth-password=${password}`,
    ]),
  );
  await logged('kubectl apply -f deploy/kubernetes/', () => kubectl(['apply', '-f', 'deploy/kubernetes/']));
  for (const workload of ROLLOUTS) {
    await logged(`kubectl -n openfaas rollout status ${workload}`, () =>
      kubectl(['-n', PLATFORM_NS, 'rollout', 'status', workload, '--timeout', '300s'], 320_000).catch(
        async (err: unknown) => {
          const pods = await kubectl(['-n', PLATFORM_NS, 'describe', 'pods']).catch(() => '');
          throw new Error(`${String(err)}\n${pods}`, { cause: err });
        },
      ),
    );
  }
}

/** Names of a function's pods (label faas_function) in a phase, or all of them. */
export async function podsOf(
  fn: string,
  namespace = FUNCTIONS_NS,
): Promise<{ name: string; phase: string; ready: boolean; ip: string }[]> {
  const list = await getJson<{ items: PodJson[] }>(['pods', '-n', namespace, '-l', `faas_function=${fn}`]);
  return list.items.map(podSummary);
}

interface PodJson {
  metadata: { name: string; deletionTimestamp?: string };
  status: { phase: string; podIP?: string; conditions?: { type: string; status: string }[] };
}

function podSummary(p: PodJson) {
  return {
    name: p.metadata.name,
    phase: p.metadata.deletionTimestamp ? 'Terminating' : p.status.phase,
    ready: !!p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    ip: p.status.podIP ?? '',
  };
}

/** Pods of the platform with label app=<app>. */
export async function platformPods(app: string) {
  const list = await getJson<{ items: PodJson[] }>(['pods', '-n', PLATFORM_NS, '-l', `app=${app}`]);
  return list.items.map(podSummary);
}
