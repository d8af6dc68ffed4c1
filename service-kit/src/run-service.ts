// How every faas daemon starts and stops, written once: read the configuration (a bad one is a
// clear message and exit 2), assemble, listen, say where, and on SIGTERM/SIGINT drain, release,
// exit 0. Each package's main.ts is one runService call.
import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server } from 'node:http';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ConfigError } from './config.js';
import { createLogger } from './logger.js';
import type { LogFields, Logger } from './logger.js';
import { closeGracefully } from './shutdown.js';

/** A server's `upgrade` listener (WebSockets). */
export type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** The HTTP server a service listens with. */
export interface HttpServing {
  /** The app (`createProviderApp`'s result, the gateway's handler, …). */
  handler: RequestListener;
  /** WebSocket upgrades, when the app relays them. */
  upgrade?: UpgradeListener;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Address to listen on; '' means every interface. */
  host: string;
  /** Adjusts the server before it listens (the gateway's timeouts). Keep-alive is 65 s before it runs. */
  configure?(server: Server): void;
}

/** A listening server. */
export interface Listening {
  server: Server;
  /** `http://<host>:<port>` as a client on this machine reaches it (the bound port). */
  url: string;
}

/**
 * Creates the server (keep-alive 65 s, longer than the usual 60 s idle timeout of a proxy in
 * front) and listens. Rejects when the port cannot be bound.
 */
export async function listenHttp(serving: HttpServing): Promise<Listening> {
  const server = createServer(serving.handler);
  if (serving.upgrade) server.on('upgrade', serving.upgrade);
  server.keepAliveTimeout = 65_000;
  serving.configure?.(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(serving.port, serving.host || undefined, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${clientHost(serving.host)}:${port}` };
}

/** The host a client on this machine uses for a server bound to `host`. */
function clientHost(host: string): string {
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** What a package's `build` returns: what to serve and what to release on stop. */
export interface Service {
  /** Where `<title> listening`, `stopping` and `stopped` go. */
  logger: Logger;
  /** Names the service in the startup line, e.g. `faas local provider`. Default: the process name. */
  title?: string;
  /** The HTTP server; a service that runs its own servers (the platform) has none. */
  http?: HttpServing;
  /** Extra fields for the startup line, after `url` (provider, auth, …). */
  fields?: LogFields;
  /** Starts background work once listening (scaling loops, the queue worker's pulls). */
  start?(): void;
  /** Work that ends before the server drains (the queue worker's jobs in hand, while /healthz answers). */
  finish?(): Promise<void>;
  /** Frees what the service holds once requests have drained (watches, replicas, pooled sockets). */
  release?(): Promise<void> | void;
  /** How long in-flight requests may finish on stop, in milliseconds. Default 10 s. */
  drainMs?: number;
}

/** A running service. */
export interface RunningService {
  /** The HTTP server, when the service has one. */
  server?: Server;
  /** Its URL, when the service has a server. */
  url?: string;
  /** What a signal does: finish, drain, release, exit 0; the second and later calls do nothing. */
  stop(signal: string): Promise<void>;
}

/** Where a process's lifecycle ends: signals to stop on, and how to exit. Tests pass fakes. */
export interface ProcessHooks {
  /** Signals that stop the process. Default SIGTERM and SIGINT; tests pass none. */
  signals?: readonly NodeJS.Signals[];
  /** Ends the process. Default `process.exit`. */
  exit?: (code: number) => void;
}

/**
 * Listens with the service's server (if any), logs `<title> listening` with the URL and
 * `fields`, starts its background work, and on each of `signals` finishes, drains, releases and
 * exits 0. Rejects when the port cannot be bound.
 */
export async function serve(
  service: Service & { title: string },
  hooks: ProcessHooks = {},
): Promise<RunningService> {
  const {
    logger,
    signals = ['SIGTERM', 'SIGINT'],
    exit = (code: number) => process.exit(code),
  } = {
    ...service,
    ...hooks,
  };
  const listening = service.http ? await listenHttp(service.http) : undefined;
  if (listening) logger.info(`${service.title} listening`, { url: listening.url, ...service.fields });
  service.start?.();
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    await service.finish?.();
    if (listening) await closeGracefully(listening.server, service.drainMs ?? 10_000);
    await service.release?.();
    logger.info('stopped');
    exit(0);
  };
  for (const signal of signals) process.on(signal, () => void stop(signal));
  return { server: listening?.server, url: listening?.url, stop };
}

/** How {@link runService} reads, assembles and runs one daemon. */
export interface RunServiceOptions<C> extends ProcessHooks {
  /** The process name: the logger's name and the prefix of a fatal line (`gateway: …`). */
  name: string;
  /** Reads the configuration from the environment (a `loadConfig` table). */
  load(env: Record<string, string | undefined>): C;
  /** Assembles the service: the logger is the process's, at the configured `logLevel`. */
  build(config: C, logger: Logger): Promise<Service> | Service;
  /** The process logger; default JSON (pretty on a TTY) named `name` at `config.logLevel` (if any). */
  logger?(config: C): Logger;
  /** Error classes besides `ConfigError` that mean "fix the configuration" (exit 2 too). */
  alsoExitOn?: readonly (abstract new (...args: never[]) => Error)[];
  /** The environment; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Where a fatal line goes. Default stderr. */
  write?: (line: string) => void;
}

/**
 * Runs a daemon: `load(env)`, then `build(config, logger)`, then {@link serve}. A configuration
 * problem (a `ConfigError` or one of `alsoExitOn`, from `load` or `build`) is printed as
 * `<name>: <message>` and exits 2; any other failure to start is printed the same way and exits 1.
 * Resolves with the running service, or undefined once it has exited.
 */
export async function runService<C>(
  options: RunServiceOptions<C>,
): Promise<RunningService | undefined> {
  const {
    name,
    alsoExitOn = [],
    env = process.env,
    write = (line) => process.stderr.write(line),
    exit = (code: number) => process.exit(code),
  } = options;
  let service: Service | undefined;
  try {
    const config = options.load(env);
    const { logLevel } = config as { logLevel?: unknown };
    const level = typeof logLevel === 'string' ? logLevel : undefined;
    const logger = options.logger?.(config) ?? createLogger({ name, level });
    service = await options.build(config, logger);
    return await serve({ title: name, ...service }, { signals: options.signals, exit });
  } catch (err) {
    const configProblem = err instanceof ConfigError || alsoExitOn.some((type) => err instanceof type);
    write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    // Built but not serving (the port is taken): free what it holds before going.
    await Promise.resolve(service?.release?.()).catch(() => undefined);
    exit(configProblem ? 2 : 1);
    return undefined;
  }
}
