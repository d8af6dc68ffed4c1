// What every provider process does once its app is built: listen, say where, drain on SIGTERM.
import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, closeGracefully } from '@faas/service-kit';
import type { LogFields, Logger } from '@faas/service-kit';
import type { ProviderApp } from './create-provider-app.js';

/** How {@link serveProvider} runs a provider's app. */
export interface ServeProviderOptions {
  /** Names the provider in the startup line: `<name> listening`, e.g. `faas local provider`. */
  name: string;
  /** The provider's app (`createProviderApp`'s result or any request listener). */
  handler: RequestListener;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Address to listen on (`bind_address`). */
  host: string;
  /** Where the startup and stopping lines go. */
  logger: Logger;
  /** Extra fields for the startup line, after `url` (orchestration, auth, …). */
  fields?: LogFields;
  /** Frees what the provider holds once requests have drained (watches, replicas, pooled sockets). */
  release: () => Promise<void> | void;
  /** How long in-flight requests may finish on stop, in milliseconds. Default 10 s. */
  drainMs?: number;
  /** Signals that stop the process. Default SIGTERM and SIGINT; tests pass none. */
  signals?: readonly NodeJS.Signals[];
  /** Ends the process after a stop. Default `process.exit`; tests pass a fake. */
  exit?: (code: number) => void;
}

/** A listening provider. */
export interface ServedProvider {
  /** The HTTP server (keep-alive 65 s, longer than the usual 60 s idle timeout of a proxy in front). */
  server: Server;
  /** `http://<host>:<port>` with the port actually bound. */
  url: string;
  /** What a signal does: drain, release, exit 0; the second and later calls do nothing. */
  stop: (signal: string) => Promise<void>;
}

/**
 * Listens with the provider's app, logs `<name> listening` with the URL and `fields`, and on each
 * of `signals` drains the server, calls `release` and exits 0. Rejects when the port cannot be bound.
 */
export async function serveProvider(options: ServeProviderOptions): Promise<ServedProvider> {
  const { logger, signals = ['SIGTERM', 'SIGINT'], exit = (code) => process.exit(code) } = options;
  const server = createServer(options.handler);
  const upgrade = (options.handler as Partial<ProviderApp>).upgrade;
  if (upgrade) server.on('upgrade', upgrade);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host}:${port}`;
  logger.info(`${options.name} listening`, { url, ...options.fields });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    await closeGracefully(server, options.drainMs ?? 10_000);
    await options.release();
    exit(0);
  };
  for (const signal of signals) process.on(signal, () => void stop(signal));
  return { server, url, stop };
}

/** What {@link loadOrExit} treats as a configuration problem, and how it reports one. */
export interface LoadOrExitOptions {
  /** Error classes besides `ConfigError` that mean "fix the configuration" (exit 2 too). */
  alsoExitOn?: readonly (abstract new (...args: never[]) => Error)[];
  /** Where the message goes. Default stderr. */
  write?: (line: string) => void;
  /** Ends the process. Default `process.exit`; tests pass one that throws. */
  exit?: (code: number) => never;
}

/**
 * Runs a configuration loader; a `ConfigError` (or an error of one of `alsoExitOn`) is printed as
 * `<name>: <message>` and ends the process with code 2. Other errors are rethrown.
 */
export function loadOrExit<T>(name: string, load: () => T, options: LoadOrExitOptions = {}): T {
  const {
    alsoExitOn = [],
    write = (line) => process.stderr.write(line),
    exit = (code) => process.exit(code),
  } = options;
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ConfigError) && !alsoExitOn.some((type) => err instanceof type)) throw err;
    write(`${name}: ${(err as Error).message}\n`);
    return exit(2);
  }
}
