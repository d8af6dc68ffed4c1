// Shared pieces of the async end-to-end suites: the queue worker as a real process, a callback
// receiver, a stand-in gateway that mounts the real async routes in front of test functions.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler } from 'express';
import { FaasError } from '@faas/contracts';
import { CallbackPolicy, openEmbeddedBackend, openNatsBackend, type QueueBackend } from '@faas/queue';
import { createQueueWorker, loadWorkerConfig } from '@faas/queue-worker';
import { createAsyncRoutes } from '@faas/queue/http';
import { MemoryLogger } from '@faas/service-kit';
import { Registry } from 'prom-client';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const workerMain = `${repoRoot}queue-worker/dist/src/main.js`;

/** Compiles the worker (and what it depends on) so the process runs today's code. */
export function buildWorker(): void {
  const built = spawnSync('npx', ['tsc', '--build', 'queue-worker'], { cwd: repoRoot, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`tsc --build queue-worker failed:\n${built.stdout}${built.stderr}`);
}

/** A queue worker process. */
export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `callback_allowed_hosts` for the tests: their receivers are on 127.0.0.1, which is refused by default. */
export const LOOPBACK_CALLBACKS = '*,127.0.0.1';

/** Starts `node queue-worker/dist/src/main.js` with NATS and `env`. */
export function startWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [workerMain], {
    env: {
      PATH: process.env.PATH,
      queue_backend: 'nats',
      port: '0',
      log_level: 'debug',
      // The tests' callback receivers listen on this host: loopback is allowed explicitly.
      callback_allowed_hosts: LOOPBACK_CALLBACKS,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => out,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** One callback the receiver got. */
export interface Callback {
  callId: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A started HTTP server. */
export interface Running {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on `port` (0: any). */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port = 0,
): Promise<Running> {
  const server: Server = createServer(handler);
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Records every callback, keyed by `X-Call-Id`. */
export async function callbackReceiver(): Promise<
  Running & { received: Callback[]; byCallId(): Map<string, Callback[]> }
> {
  const received: Callback[] = [];
  const running = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        callId: String(req.headers['x-call-id']),
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(204).end();
    });
  });
  return {
    ...running,
    received,
    byCallId() {
      const map = new Map<string, Callback[]>();
      for (const c of received) map.set(c.callId, [...(map.get(c.callId) ?? []), c]);
      return map;
    },
  };
}

/** A test function behind the stand-in gateway: gets the path remainder and the request. */
export type TestFunction = (
  req: IncomingMessage & { body: Buffer },
  res: ServerResponse,
) => void | Promise<void>;

const errors: ErrorRequestHandler = (err, _req, res, _next) => {
  const e = err instanceof FaasError ? err : new FaasError('INTERNAL');
  res.status(e.status).set('X-OpenFaaS-Internal', 'gateway').type('text/plain').send(`${e.message}\n`);
};

/**
 * A stand-in gateway: the real async routes (on a real NATS backend) plus `/function/<name>.<ns>`
 * routed to test functions. `port` lets a test restart it where the worker expects it.
 */
export async function standInGateway(
  natsUrl: string,
  functions: Record<string, TestFunction>,
  port = 0,
): Promise<Running & { backend: QueueBackend }> {
  const backend = openNatsBackend({ servers: natsUrl, logger: new MemoryLogger(), publishTimeoutMs: 2_000 });
  const app = express();
  app.use('/function/:fn', (req, res, next) => {
    const fn = functions[req.params.fn];
    if (!fn) return next(new FaasError('FUNCTION_NOT_FOUND'));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on(
      'end',
      () => void Promise.resolve(fn(Object.assign(req, { body: Buffer.concat(chunks) }), res)).catch(next),
    );
  });
  createAsyncRoutes({
    backend,
    findFunction: async (name, namespace) => (functions[`${name}.${namespace}`] ? {} : undefined),
    defaultNamespace: 'openfaas-fn',
    maxBodyBytes: 1024 * 1024,
    callbackPolicy: new CallbackPolicy(LOOPBACK_CALLBACKS),
    logger: new MemoryLogger(),
    registry: new Registry(),
  }).register(app);
  app.use(errors);
  const running = await listen(app, port);
  return {
    ...running,
    backend,
    async close() {
      await running.close();
      await backend.close();
    },
  };
}

/** POSTs an async call; resolves to the status and call id. */
export async function enqueue(
  gateway: string,
  name: string,
  body: string,
  callbackUrl?: string,
): Promise<{ status: number; callId: string }> {
  const res = await fetch(`${gateway}/async-function/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', ...(callbackUrl ? { 'x-callback-url': callbackUrl } : {}) },
    body,
  });
  await res.arrayBuffer();
  return { status: res.status, callId: res.headers.get('x-call-id') ?? '' };
}

/** The real gateway and local provider, with the async routes mounted as the gateway will mount them. */
export interface AsyncPlatform {
  gatewayUrl: string;
  providerUrl: string;
  /** Stops the gateway, the provider (and its function processes) and the queue connection. */
  stop(): Promise<void>;
}

/**
 * Composes what `npm start` runs (local provider, then the gateway with its async routes over the
 * queue, createGateway as the platform calls it), on NATS or (no `natsUrl`) the embedded queue, optionally
 * with the worker in the same process as the platform will run it. Basic auth is off: loopback only.
 */
export async function startAsyncPlatform(
  natsUrl: string | undefined,
  dataDir: string,
  options: { inProcessWorker?: Record<string, string> } = {},
): Promise<AsyncPlatform> {
  const { createLocalProvider, loadLocalProviderConfig } = await import('@faas/provider-local');
  const { createGateway, gatewayVersion, loadGatewayConfig } = await import('@faas/gateway');
  const quiet = new MemoryLogger();
  const provider = await createLocalProvider(
    loadLocalProviderConfig({ port: '0', data_dir: dataDir, basic_auth: 'false', log_level: 'warn' }),
    { logger: quiet },
  );
  const providerServer = await listen(provider.app);
  const config = loadGatewayConfig({
    functions_provider_url: providerServer.url,
    basic_auth: 'false',
    log_level: 'warn',
    upstream_timeout: '60s',
    callback_allowed_hosts: LOOPBACK_CALLBACKS,
  });
  // As `npm start` will: the embedded queue when no NATS is given, shared by gateway and worker.
  const backend = natsUrl
    ? openNatsBackend({ servers: natsUrl, logger: quiet })
    : await openEmbeddedBackend({ dir: `${dataDir}-queue`, logger: quiet });
  const gateway = createGateway(config, {
    logger: quiet,
    credentials: null,
    version: gatewayVersion({}),
    queue: backend,
  });
  const gatewayServer = await listen(gateway.app.handler);
  gateway.start();
  const worker = options.inProcessWorker
    ? createQueueWorker({
        config: loadWorkerConfig({ callback_allowed_hosts: LOOPBACK_CALLBACKS, ...options.inProcessWorker }),
        backend,
        logger: quiet,
        registry: new Registry(),
        gatewayUrl: gatewayServer.url,
      })
    : undefined;
  worker?.worker.start();
  return {
    gatewayUrl: gatewayServer.url,
    providerUrl: providerServer.url,
    async stop() {
      await worker?.worker.stop(5_000);
      worker?.close();
      await gatewayServer.close();
      gateway.stop();
      await providerServer.close();
      await provider.close();
      await backend.close();
    },
  };
}
