// Shared pieces of the autoscale end-to-end suites: real Prometheus and AlertManager started on
// free loopback ports with configuration generated from deploy/monitoring, the platform (gateway
// with scaling + local provider), function deploys and load generators.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, until } from '@faas/service-kit/testing';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The committed monitoring configuration the suites generate theirs from. */
export const monitoringDir = join(repoRoot, 'deploy', 'monitoring');

/** A child process with its output kept for failure messages. */
export interface Daemon {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

function daemon(command: string, args: string[], url: string): Daemon {
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

async function ready(d: Daemon, name: string): Promise<Daemon> {
  try {
    await until(
      `${name} to be ready`,
      async () => ((await fetch(`${d.url}/-/ready`)).ok ? true : undefined),
      30_000,
      200,
    );
  } catch (err) {
    await d.stop();
    throw new Error(`${(err as Error).message}\n${d.output()}`, { cause: err });
  }
  return d;
}

/**
 * AlertManager with deploy/monitoring/alertmanager.yml as committed, except where it reaches the
 * gateway (the test's URL) and the password file (the test's).
 */
export async function startAlertmanager(
  dir: string,
  gatewayUrl: string,
  passwordFile: string,
): Promise<Daemon> {
  const port = await freePort();
  const config = readFileSync(join(monitoringDir, 'alertmanager.yml'), 'utf8')
    .replaceAll('http://gateway:8080', gatewayUrl)
    .replaceAll('/run/secrets/basic-auth-password', passwordFile);
  if (!config.includes(gatewayUrl) || !config.includes(passwordFile))
    throw new Error(
      'deploy/monitoring/alertmanager.yml no longer names http://gateway:8080 and the password file',
    );
  const file = join(dir, 'alertmanager.yml');
  writeFileSync(file, config);
  const d = daemon(
    'prometheus-alertmanager',
    [
      `--config.file=${file}`,
      `--storage.path=${join(dir, 'alertmanager-data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    `http://127.0.0.1:${port}`,
  );
  return ready(d, 'AlertManager');
}

/**
 * Prometheus evaluating deploy/monitoring/alert.rules.yml as committed, scraping the gateway and
 * evaluating every `intervalSeconds` (the deployments use 5s; tests go faster).
 */
export async function startPrometheus(
  dir: string,
  gatewayUrl: string,
  alertmanagerUrl: string,
  intervalSeconds = 1,
): Promise<Daemon> {
  const port = await freePort();
  const file = join(dir, 'prometheus.yml');
  writeFileSync(
    file,
    [
      'global:',
      `  scrape_interval: ${intervalSeconds}s`,
      `  evaluation_interval: ${intervalSeconds}s`,
      'rule_files:',
      `  - ${JSON.stringify(join(monitoringDir, 'alert.rules.yml'))}`,
      'alerting:',
      '  alertmanagers:',
      `    - static_configs: [{ targets: [${JSON.stringify(new URL(alertmanagerUrl).host)}] }]`,
      'scrape_configs:',
      '  - job_name: gateway',
      `    static_configs: [{ targets: [${JSON.stringify(new URL(gatewayUrl).host)}] }]`,
      '',
    ].join('\n'),
  );
  const d = daemon(
    'prometheus',
    [
      `--config.file=${file}`,
      `--storage.tsdb.path=${join(dir, 'prometheus-data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    `http://127.0.0.1:${port}`,
  );
  return ready(d, 'Prometheus');
}

/** The state `GET /system/function/{name}` reports. */
export interface Replicas {
  replicas: number;
  availableReplicas: number;
}

/** A gateway client with basic auth. */
export class GatewayClient {
  constructor(
    readonly url: string,
    private readonly authorization: string | undefined,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.authorization ? { authorization: this.authorization } : {}), ...extra };
  }

  /** Deploys a function and waits until its first replicas are ready (unless min is 0). */
  async deploy(service: string, envProcess: string, labels: Record<string, string>): Promise<void> {
    const res = await fetch(`${this.url}/system/functions`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify({ service, image: `local/${service}`, envProcess, labels }),
    });
    if (res.status !== 202) throw new Error(`deploy ${service}: ${res.status} ${await res.text()}`);
    await until(
      `${service} to be ready`,
      async () => ((await this.replicas(service)).availableReplicas > 0 ? true : undefined),
      60_000,
    );
  }

  async remove(service: string): Promise<void> {
    await fetch(`${this.url}/system/functions`, {
      method: 'DELETE',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify({ functionName: service }),
    });
  }

  async replicas(service: string): Promise<Replicas> {
    const res = await fetch(`${this.url}/system/function/${service}`, { headers: this.headers() });
    if (!res.ok) throw new Error(`status of ${service}: ${res.status}`);
    return (await res.json()) as Replicas;
  }

  /** Waits until `check` holds for the function's replicas; resolves to the milliseconds waited. */
  async waitFor(service: string, what: string, check: (r: Replicas) => boolean, ms: number): Promise<number> {
    const begun = Date.now();
    await until(
      `${service}: ${what}`,
      async () => (check(await this.replicas(service)) ? true : undefined),
      ms,
      100,
    );
    return Date.now() - begun;
  }

  async metrics(): Promise<string> {
    return (await fetch(`${this.url}/metrics`)).text();
  }

  /**
   * `/metrics` once it contains `pattern` (a string or a RegExp), or as it is after `ms`. The
   * gateway counts a scaling decision when the provider has answered the scale call, which can be
   * a moment after the provider's status already shows the new count.
   */
  async metricsMatching(pattern: RegExp | string, ms = 5_000): Promise<string> {
    return until(
      `${pattern} in /metrics`,
      async () => {
        const text = await this.metrics();
        const found = typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
        return found ? text : undefined;
      },
      ms,
    ).catch(() => this.metrics());
  }
}

/** Closed-loop clients invoking a function until stopped; counts answers by status. */
export class Load {
  private running = true;
  private readonly loops: Promise<void>[];
  readonly statuses = new Map<number, number>();

  constructor(url: string, clients: number, pauseMs = 0) {
    this.loops = Array.from({ length: clients }, async () => {
      while (this.running) {
        try {
          const res = await fetch(url, { method: 'POST', body: 'load' });
          await res.arrayBuffer();
          this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1);
        } catch {
          this.statuses.set(0, (this.statuses.get(0) ?? 0) + 1);
        }
        if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
      }
    });
  }

  /** Stops the clients after their requests in flight. */
  async stop(): Promise<Map<number, number>> {
    this.running = false;
    await Promise.all(this.loops);
    return this.statuses;
  }
}

/** The platform as `npm start` runs it, with basic auth on, and a client for it. */
export interface ScalingPlatform {
  gateway: GatewayClient;
  /** The password file AlertManager reads. */
  passwordFile: string;
  stop(): Promise<void>;
}

/** Starts the platform (gateway with scaling + local provider) in this process, state in `dir`. */
export async function startScalingPlatform(
  dir: string,
  env: Record<string, string>,
): Promise<ScalingPlatform> {
  const { startPlatform } = await import('@faas/platform');
  const { MemoryLogger } = await import('@faas/service-kit');
  const platform = await startPlatform(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      port: '0',
      provider_port: '0',
      faas_state_dir: dir,
      log_level: 'warn',
      ...env,
    },
    () => new MemoryLogger(),
  );
  const credentials = platform.credentials;
  if (!credentials) throw new Error('expected basic auth to be on');
  const password = readFileSync(credentials.passwordFile, 'utf8').trim();
  const authorization = `Basic ${Buffer.from(`${credentials.user}:${password}`).toString('base64')}`;
  return {
    gateway: new GatewayClient(platform.gatewayUrl, authorization),
    passwordFile: credentials.passwordFile,
    stop: () => platform.stop(5_000),
  };
}
