// The platform: the local provider on 127.0.0.1, then the gateway in front of it, sharing one
// set of credentials, from one environment.
import { join } from 'node:path';
import { ConfigError } from '@faas/service-kit';
import type { Logger } from '@faas/service-kit';
import { createGateway, gatewayVersion, loadGatewayConfig, readCredentials } from '@faas/gateway';
import type { GatewayConfig } from '@faas/gateway';
import { createLocalProvider, loadLocalProviderConfig } from '@faas/provider-local';
import { openQueueBackend } from '@faas/queue';
import { createQueueWorker, loadWorkerConfig } from '@faas/queue-worker';
import type { WorkerConfig } from '@faas/queue-worker';
import type { LocalProviderConfig } from '@faas/provider-local';
import type { PlatformComponent } from './component.js';
import { loadPlatformConfig } from './config.js';
import type { PlatformConfig } from './config.js';
import { ensureCredentials } from './credentials.js';
import type { PlatformCredentials } from './credentials.js';
import { httpComponent } from './http-component.js';

type Env = Record<string, string | undefined>;

/** Every setting of the three tables, validated together so every bad value shows at once. */
interface Settings {
  platform: PlatformConfig;
  gateway: GatewayConfig;
  provider: LocalProviderConfig;
  worker: WorkerConfig;
}

/** The provider's environment: the shared one, with its own port, address and data directory. */
function providerEnv(env: Env, platform: PlatformConfig | undefined, secretMountPath: string): Env {
  return {
    ...env,
    port: String(platform?.providerPort ?? 0),
    bind_address: '127.0.0.1',
    data_dir: env.data_dir || join(platform?.stateDir ?? '.faas', 'local'),
    secret_mount_path: secretMountPath,
  };
}

function loadSettings(env: Env, secretMountPath = ''): Settings {
  const problems: string[] = [];
  const attempt = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      for (const p of err.problems) if (!problems.includes(p)) problems.push(p);
      return undefined;
    }
  };
  const platform = attempt(() => loadPlatformConfig(env));
  const gateway = attempt(() => loadGatewayConfig(env));
  const provider = attempt(() => loadLocalProviderConfig(providerEnv(env, platform, secretMountPath)));
  const worker = attempt(() => loadWorkerConfig(env));
  if (problems.length > 0 || !platform || !gateway || !provider || !worker) throw new ConfigError(problems);
  return { platform, gateway, provider, worker };
}

/** A running platform. */
export interface Platform {
  /** The gateway's URL, as a client on this machine reaches it. */
  gatewayUrl: string;
  /** The address the gateway listens on: `127.0.0.1` unless `bind_address` says otherwise ('' = every interface). */
  bindAddress: string;
  /** The local provider's URL (loopback only). */
  providerUrl: string;
  /** Shared credentials; null when `basic_auth=false`. */
  credentials: PlatformCredentials | null;
  /** Stops every component in reverse order; in-flight requests get `shutdown_timeout` by default. */
  stop(deadlineMs?: number): Promise<void>;
}

/** Loggers per component. */
export type LoggerFor = (component: 'gateway' | 'provider-local' | 'queue-worker', level: string) => Logger;

/** Validates every setting, settles credentials, starts the provider, then the gateway. */
export async function startPlatform(env: Env, loggerFor: LoggerFor): Promise<Platform> {
  const checked = loadSettings(env);
  const credentials = checked.gateway.basicAuth
    ? await ensureCredentials(env.secret_mount_path, checked.platform.stateDir)
    : null;
  const secretMountPath = credentials?.dir ?? '';
  const { platform, provider: providerConfig, worker: workerConfig } = loadSettings(env, secretMountPath);
  const started: PlatformComponent[] = [];
  const stop = async (deadlineMs = checked.gateway.shutdownDeadlineMs): Promise<void> => {
    for (const component of started.splice(0).reverse()) await component.stop(deadlineMs);
  };
  try {
    const provider = await createLocalProvider(providerConfig, {
      logger: loggerFor('provider-local', providerConfig.logLevel),
    });
    const providerComponent = httpComponent({
      name: 'local provider',
      handler: provider.app,
      upgrade: provider.app.upgrade,
      port: platform.providerPort,
      host: '127.0.0.1',
      release: () => provider.close(),
    });
    const providerUrl = await providerComponent.start();
    started.push(providerComponent);

    const gatewayConfig = loadGatewayConfig({
      ...env,
      // One machine's platform: this machine only, unless the operator says otherwise.
      bind_address: env.bind_address ?? '127.0.0.1',
      functions_provider_url: env.functions_provider_url || providerUrl,
      secret_mount_path: secretMountPath || env.secret_mount_path,
    });
    // Async invocations: the queue (embedded under the state dir unless queue_backend=nats) is
    // shared by the gateway, which publishes, and the worker below, which consumes.
    const workerLogger = loggerFor('queue-worker', workerConfig.logLevel);
    const queue = await openQueueBackend(
      { ...gatewayConfig, dataDir: env.queue_data_dir || join(platform.stateDir, 'queue') },
      workerLogger,
      'platform',
    );
    started.push({ name: 'queue', start: async () => 'open', stop: () => queue.close() });
    const gateway = createGateway(gatewayConfig, {
      logger: loggerFor('gateway', gatewayConfig.logLevel),
      credentials: gatewayConfig.basicAuth ? await readCredentials(gatewayConfig.secretMountPath) : null,
      version: gatewayVersion(env),
      queue,
    });
    const gatewayComponent = httpComponent({
      name: 'gateway',
      ...gateway.http(),
      onListening: () => gateway.start(),
      release: () => gateway.stop(),
    });
    const listening = await gatewayComponent.start();
    started.push(gatewayComponent);
    const worker = createQueueWorker({
      config: workerConfig,
      backend: queue,
      logger: workerLogger,
      registry: gateway.registry,
      gatewayUrl: listening,
    });
    worker.worker.start();
    started.push({
      name: 'queue worker',
      start: async () => 'running',
      stop: async (deadlineMs) => {
        await worker.worker.stop(deadlineMs);
        worker.close();
      },
    });
    return { gatewayUrl: listening, bindAddress: gatewayConfig.bindAddress, providerUrl, credentials, stop };
  } catch (err) {
    await stop(5_000);
    throw err;
  }
}
