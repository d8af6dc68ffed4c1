import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeGracefully } from '@faas/service-kit';
import type { Logger } from '@faas/service-kit';
import type { ChildEnv } from './cgi-env.js';
import type { WatchdogConfig } from './config.js';
import { createRunner } from './create-runner.js';
import { answers, METRICS_CONTENT_TYPE } from './core/answers.js';
import { WRITE_TIMEOUT } from './core/deadlines.js';
import { healthAnswer, KEEP_ALIVE_TIMEOUT_MS, refusal } from './core/decide.js';
import { messages } from './core/messages.js';
import { NodeSpawner } from './function-process.js';
import type { Spawner } from './function-process.js';
import { FunctionOutput } from './line-logger.js';
import { LockFile } from './lock-file.js';
import { WatchdogMetrics } from './metrics.js';
import { sendAnswer } from './runner.js';
import type { FunctionRunner } from './runner.js';
import { upgradeListener } from './upgrade.js';

/** What a watchdog is built from; everything but the logger has a production default. */
export interface WatchdogDeps {
  logger: Logger;
  /** The environment function processes inherit; default `process.env`. */
  env?: ChildEnv;
  /** Starts function processes; default Node's child_process. */
  spawner?: Spawner;
  /** Called when the watchdog cannot go on (http mode: the function process died). */
  onFatal?: (err: Error) => void;
  /** Where the function's own output lines go; default: the logger, one info line each. */
  output?: FunctionOutput;
  /** Waits between the steps of the SIGTERM sequence; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
}

/** A watchdog: its servers (not listening), its runner, and its lifecycle. */
export interface Watchdog {
  /** The function endpoint (`port`), not listening yet. */
  readonly server: Server;
  /** `GET /metrics` (`metrics_port`), not listening yet; undefined when `metrics_port=0`. */
  readonly metricsServer: Server | undefined;
  readonly metrics: WatchdogMetrics;
  readonly runner: FunctionRunner;
  readonly lock: LockFile;
  /** Starts the runner, then writes the lock file: call once `server` listens. */
  start(): Promise<void>;
  /** The SIGTERM sequence: unready, wait `healthcheck_interval`, stop accepting, drain, stop. */
  shutdown(): Promise<void>;
}

/** Builds a watchdog without listening; main.ts listens and handles signals. */
export function createWatchdog(config: WatchdogConfig, deps: WatchdogDeps): Watchdog {
  const { logger } = deps;
  const metrics = new WatchdogMetrics();
  const lock = new LockFile(config.lockFilePath, config.suppressLock);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const spawner = deps.spawner ?? new NodeSpawner();
  const runner = createRunner({
    config,
    logger,
    output: deps.output ?? new FunctionOutput((line) => logger.info(line), config.prefixLogs),
    spawner,
    env: deps.env ?? (process.env as ChildEnv),
    onFatal: deps.onFatal ?? ((err) => logger.error(err.message)),
  });
  let accepting = false;
  const healthy = (): boolean => accepting && lock.present() && runner.ready();

  function health(req: IncomingMessage, res: ServerResponse): void {
    sendAnswer(res, healthAnswer(config, req.url?.split('?')[0] ?? '', healthy(), metrics.inFlight()));
  }

  function call(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET';
    const started = process.hrtime.bigint();
    const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    const refused = refusal(config, {
      method,
      inFlight: metrics.inFlight(),
      contentLength: req.headers['content-length'],
    });
    if (refused) return metrics.observe(method, sendAnswer(res, refused), seconds());
    metrics.started();
    const abort = new AbortController();
    const deadline = setTimeout(() => {
      logger.warn(messages.writeTimeout(config.writeTimeout));
      // The runner stops the work and answers 504; an answer already under way is cut.
      abort.abort(WRITE_TIMEOUT);
      if (res.headersSent) res.destroy();
    }, config.writeTimeout);
    runner.run(req, res, abort.signal).then(
      (code) => {
        clearTimeout(deadline);
        metrics.finished(method, code, seconds());
      },
      (err: unknown) => {
        clearTimeout(deadline);
        logger.error(messages.callFailed((err as Error).message));
        metrics.finished(method, sendAnswer(res, answers.internalError()), seconds());
      },
    );
  }

  const server = createServer((req, res) => (req.url?.startsWith('/_/') ? health(req, res) : call(req, res)));
  server.requestTimeout = config.readTimeout;
  server.headersTimeout = Math.min(config.readTimeout, 60_000);
  // Callers (the gateway, a provider's proxy) pool keep-alive connections to replicas. With Node's
  // 5 s default, a connection the watchdog closes as idle can be picked for the next call at the
  // same moment, which then fails (ECONNRESET → 502). Keep idle connections longer than any
  // caller here keeps them unused; the gateway and providers do the same (65 s).
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on(
    'upgrade',
    upgradeListener(config, logger, () => accepting && runner.ready()),
  );

  const metricsServer =
    config.metricsPort === 0
      ? undefined
      : createServer((req, res) => {
          if (req.url?.split('?')[0] !== '/metrics') return void sendAnswer(res, answers.notFound());
          const text = metrics.render();
          res.writeHead(200, { 'Content-Type': METRICS_CONTENT_TYPE });
          res.end(text);
        });

  return {
    server,
    metricsServer,
    metrics,
    runner,
    lock,
    async start() {
      await runner.start();
      lock.write();
      accepting = true;
    },
    async shutdown() {
      accepting = false;
      lock.remove();
      logger.info(messages.unready(config.healthcheckInterval));
      await sleep(config.healthcheckInterval);
      logger.info(messages.draining(metrics.inFlight(), config.writeTimeout));
      await Promise.all([
        closeGracefully(server, config.writeTimeout),
        metricsServer ? closeGracefully(metricsServer, 1000) : Promise.resolve(),
      ]);
      await runner.stop();
      spawner.close();
      logger.info(messages.stopped);
    },
  };
}
