import type { Server } from 'bun';
import type { Logger } from '@faas/service-kit';
import type { ChildEnv } from '../cgi-env.js';
import type { WatchdogConfig } from '../config.js';
import { answers, METRICS_CONTENT_TYPE } from '../core/answers.js';
import { WRITE_TIMEOUT } from '../core/deadlines.js';
import { healthAnswer, KEEP_ALIVE_TIMEOUT_MS, refusal } from '../core/decide.js';
import { messages } from '../core/messages.js';
import { createRunner } from '../core/modes.js';
import type { FunctionOutput } from '../line-logger.js';
import { WatchdogMetrics } from '../metrics.js';
import { BunSpawner } from './bun-spawner.js';
import { BunClassicRunner, BunStreamingRunner } from './fork-modes.js';
import { BunHttpRunner } from './http-mode.js';
import { BunLockFile } from './lock-file.js';
import { requestTarget } from './request-head.js';
import { toResponse } from './runner.js';
import type { BunAnswer, BunRunner, BunRunnerDeps } from './runner.js';
import { BunStaticRunner } from './static-mode.js';
import { bunUpgrade, wantsWebSocket } from './upgrade.js';
import type { BunRelay } from './upgrade.js';

/** How long an idle keep-alive connection stays open, in seconds (Bun's idleTimeout). */
const KEEP_ALIVE_SECONDS = KEEP_ALIVE_TIMEOUT_MS / 1000;

/** Bun's idle timeout is at most 255 s; a call that may run longer switches it off for itself. */
const MAX_IDLE_SECONDS = 255;

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
  const runner = createRunner<BunRunner, BunRunnerDeps>(
    { classic: BunClassicRunner, streaming: BunStreamingRunner, http: BunHttpRunner, static: BunStaticRunner },
    { config, ...deps, spawner: new BunSpawner() },
  );
  const callSeconds = Math.ceil(config.writeTimeout / 1000) + 1;
  let accepting = false;
  const healthy = async (): Promise<boolean> => accepting && runner.ready() && (await lock.present());

  async function health(path: string): Promise<Response> {
    return toResponse(healthAnswer(config, path, await healthy(), metrics.inFlight())).response;
  }

  async function call(req: Request, server: Server<BunRelay>): Promise<Response | undefined> {
    const target = requestTarget(req.url);
    if (target.startsWith('/_/')) return health(target.split('?')[0] as string);
    if (wantsWebSocket(req)) return upgrades.handle(req, server);
    const method = req.method;
    const started = process.hrtime.bigint();
    const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    const refused = refusal(config, {
      method,
      inFlight: metrics.inFlight(),
      contentLength: req.headers.get('content-length'),
    });
    if (refused) {
      metrics.observe(method, refused.status, seconds());
      return toResponse(refused).response;
    }
    metrics.started();
    if (callSeconds > KEEP_ALIVE_SECONDS)
      server.timeout(req, callSeconds > MAX_IDLE_SECONDS ? 0 : callSeconds);
    const abort = new AbortController();
    req.signal.addEventListener('abort', () => abort.abort(), { once: true });
    const deadline = setTimeout(() => {
      logger.warn(messages.writeTimeout(config.writeTimeout));
      abort.abort(WRITE_TIMEOUT);
    }, config.writeTimeout);
    let answer: BunAnswer;
    try {
      answer = await runner.run({ req, signal: abort.signal, started });
    } catch (err) {
      logger.error(messages.callFailed((err as Error).message));
      answer = toResponse(answers.internalError());
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
      logger.error(messages.callFailed(err.message));
      return toResponse(answers.internalError()).response;
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
              return toResponse(answers.notFound()).response;
            return new Response(metrics.render(), { headers: { 'Content-Type': METRICS_CONTENT_TYPE } });
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
      logger.info(messages.unready(config.healthcheckInterval));
      await Bun.sleep(config.healthcheckInterval);
      logger.info(messages.draining(metrics.inFlight(), config.writeTimeout));
      void server.stop(false);
      const until = Date.now() + config.writeTimeout;
      while (metrics.inFlight() > 0 && Date.now() < until) await Bun.sleep(10);
      void server.stop(true);
      void metricsServer?.stop(true);
      await runner.stop();
      logger.info(messages.stopped);
    },
  };
}
