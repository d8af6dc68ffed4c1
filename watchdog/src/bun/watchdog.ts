import type { Server } from 'bun';
import type { Logger } from '@faas/service-kit';
import type { ChildEnv } from '../cgi-env.js';
import type { WatchdogConfig } from '../config.js';
import type { FunctionOutput } from '../line-logger.js';
import { WRITE_TIMEOUT } from '../deadlines.js';
import { WatchdogMetrics } from '../metrics.js';
import { BunClassicRunner, BunStreamingRunner } from './fork-modes.js';
import { BunHttpRunner } from './http-mode.js';
import { BunLockFile } from './lock-file.js';
import { declaresTooLarge, requestTarget } from './request-head.js';
import { textAnswer, tooLargeAnswer } from './runner.js';
import type { BunAnswer, BunRunner, BunRunnerDeps } from './runner.js';
import { BunStaticRunner } from './static-mode.js';
import { bunUpgrade, wantsWebSocket } from './upgrade.js';
import type { BunRelay } from './upgrade.js';

/** Methods a forking mode runs the function for; others get 405 (http mode proxies every method). */
const FORK_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** How long an idle keep-alive connection stays open, in seconds (as the Node runtime: 65 s). */
const KEEP_ALIVE_SECONDS = 65;

/** Bun's idle timeout is at most 255 s; a call that may run longer switches it off for itself. */
const MAX_IDLE_SECONDS = 255;

function createBunRunner(deps: BunRunnerDeps): BunRunner {
  switch (deps.config.mode) {
    case 'classic':
      return new BunClassicRunner(deps);
    case 'streaming':
      return new BunStreamingRunner(deps);
    case 'http':
      return new BunHttpRunner(deps);
    case 'static':
      return new BunStaticRunner(deps);
  }
}

/** A running Bun watchdog: listening from the start; `start()` makes it ready. */
export interface BunWatchdog {
  readonly server: Server<BunRelay>;
  readonly metricsServer: Server<undefined> | undefined;
  readonly lock: BunLockFile;
  /** Starts the runner, then writes the lock file. */
  start(): Promise<void>;
  /** The SIGTERM sequence: unready, wait `healthcheck_interval`, stop accepting, drain, stop. */
  shutdown(): Promise<void>;
}

/**
 * The watchdog on Bun's own server (Bun.serve) and process API (Bun.spawn): the behaviour of
 * createWatchdog (../create-watchdog.ts) — health, max_inflight, body limit, metrics, the SIGTERM
 * sequence — without loading Node's http and stream layers, which cost Bun ~10 MB of resident
 * memory per replica (watchdog/README.md, "Runtimes"). The same black-box suite
 * (test/executable/) runs against both runtimes.
 */
export function createBunWatchdog(
  config: WatchdogConfig,
  deps: { logger: Logger; output: FunctionOutput; env: ChildEnv; onFatal: (err: Error) => void },
): BunWatchdog {
  const { logger } = deps;
  const metrics = new WatchdogMetrics();
  const lock = new BunLockFile(config.lockFilePath, config.suppressLock);
  const runner = createBunRunner({ config, ...deps });
  const forking = config.mode === 'classic' || config.mode === 'streaming';
  const callSeconds = Math.ceil(config.writeTimeout / 1000) + 1;
  let accepting = false;
  const healthy = async (): Promise<boolean> => accepting && runner.ready() && (await lock.present());

  async function health(path: string): Promise<Response> {
    if (path !== '/_/health' && path !== '/_/ready') return textAnswer(404, 'Not found.\n', true).response;
    const ok =
      path === '/_/health'
        ? await healthy()
        : (await healthy()) && (config.maxInflight === 0 || metrics.inFlight() < config.maxInflight);
    return textAnswer(ok ? 200 : 503, ok ? 'OK\n' : 'Not ready.\n', true).response;
  }

  async function call(req: Request, server: Server<BunRelay>): Promise<Response | undefined> {
    const target = requestTarget(req.url);
    if (target.startsWith('/_/')) return health(target.split('?')[0] as string);
    if (wantsWebSocket(req)) return upgrades.handle(req, server);
    const method = req.method;
    const started = process.hrtime.bigint();
    const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    const refuse = (answer: BunAnswer): Response => {
      metrics.observe(method, answer.status, seconds());
      return answer.response;
    };
    if (forking && !FORK_METHODS.has(method)) return refuse(textAnswer(405, 'Method not allowed.\n', true));
    if (config.maxInflight > 0 && metrics.inFlight() >= config.maxInflight) {
      const text = `Concurrent request limit exceeded. Max concurrent requests: ${config.maxInflight}\n`;
      return refuse(textAnswer(429, text, true));
    }
    if (declaresTooLarge(req, config.maxBodySize)) return refuse(tooLargeAnswer(config.maxBodySize));
    metrics.started();
    if (callSeconds > KEEP_ALIVE_SECONDS)
      server.timeout(req, callSeconds > MAX_IDLE_SECONDS ? 0 : callSeconds);
    const abort = new AbortController();
    req.signal.addEventListener('abort', () => abort.abort(), { once: true });
    const deadline = setTimeout(() => {
      logger.warn(`write_timeout of ${config.writeTimeout}ms exceeded, stopping the call.`);
      abort.abort(WRITE_TIMEOUT);
    }, config.writeTimeout);
    let answer: BunAnswer;
    try {
      answer = await runner.run({ req, signal: abort.signal, started });
    } catch (err) {
      logger.error(`Call failed: ${(err as Error).message}`);
      answer = textAnswer(500, 'Internal watchdog error.\n', true);
    }
    const finished = (): void => {
      clearTimeout(deadline);
      metrics.finished(method, answer.status, seconds());
    };
    if (answer.done) void answer.done.then(finished);
    else finished();
    return answer.response;
  }

  const hostname = config.bindAddress === '' ? undefined : config.bindAddress;
  const upgrades = bunUpgrade(config, logger, () => accepting && runner.ready());
  const server: Server<BunRelay> = Bun.serve<BunRelay>({
    port: config.port,
    hostname,
    idleTimeout: KEEP_ALIVE_SECONDS,
    // The watchdog answers oversized bodies itself (413 with its own text); Bun's own limit is off.
    maxRequestBodySize: Number.MAX_SAFE_INTEGER,
    fetch: (req, srv) => call(req, srv),
    websocket: upgrades.websocket,
    error: (err) => {
      logger.error(`Call failed: ${err.message}`);
      return textAnswer(500, 'Internal watchdog error.\n', true).response;
    },
  });
  const metricsServer =
    config.metricsPort === 0
      ? undefined
      : Bun.serve({
          port: config.metricsPort,
          hostname,
          fetch(req) {
            if (requestTarget(req.url).split('?')[0] !== '/metrics')
              return textAnswer(404, 'Not found.\n').response;
            return new Response(metrics.render(), {
              headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' },
            });
          },
        });

  return {
    server,
    metricsServer,
    lock,
    async start() {
      await runner.start();
      await lock.write();
      accepting = true;
    },
    async shutdown() {
      accepting = false;
      await lock.remove();
      logger.info(
        `SIGTERM: unready, serving for healthcheck_interval (${config.healthcheckInterval}ms) before closing.`,
      );
      await Bun.sleep(config.healthcheckInterval);
      logger.info(
        `Closing the listener, draining ${metrics.inFlight()} call(s) for up to ${config.writeTimeout}ms.`,
      );
      void server.stop(false);
      const until = Date.now() + config.writeTimeout;
      while (metrics.inFlight() > 0 && Date.now() < until) await Bun.sleep(10);
      void server.stop(true);
      void metricsServer?.stop(true);
      await runner.stop();
      logger.info('Stopped.');
    },
  };
}
