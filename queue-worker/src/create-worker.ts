// The worker's composition root: every bind is here (docs/architecture.md, Composition).
// createQueueWorker asks the container for the worker once; main.ts and the platform call it.
import { Container } from 'inversify';
import type { Queue, QueueBackend } from '@faas/queue';
import type { Logger } from '@faas/service-kit';
import type { Registry } from 'prom-client';
import { CallbackSender } from './callback-sender.js';
import { gatewayUrl, type WorkerConfig } from './config.js';
import { GatewayInvoker } from './function-invoker.js';
import { HttpClient } from './http-client.js';
import { QueueWorker, QueueWorkerDeps } from './queue-worker.js';
import type { RetryPolicy } from './retry-policy.js';
import * as tokens from './tokens.js';
import { WorkerMetrics } from './worker-metrics.js';

/** What {@link createQueueWorker} assembles a worker from. */
export interface WorkerParts {
  /** Parsed worker settings (`loadWorkerConfig`). */
  config: WorkerConfig;
  /** An open queue backend (`openQueueBackend`); the worker does not close it. */
  backend: QueueBackend;
  logger: Logger;
  /** Where the worker's metrics go: its own, or the gateway's when run in the same process. */
  registry: Registry;
  /** Overrides the gateway URL of the settings (the platform knows the port it listens on). */
  gatewayUrl?: string;
  /** Jitter source; tests pin it. */
  random?: () => number;
}

/** A worker and its HTTP client, for the caller to start, stop and close. */
export interface AssembledWorker {
  worker: QueueWorker;
  /** Closes the keep-alive pools; call after `worker.stop`. */
  close(): void;
}
/** The injection token of the {@link AssembledWorker}. */
export const AssembledWorker = Symbol('AssembledWorker');

function createContainer(parts: WorkerParts): Container {
  const { config } = parts;
  const c = new Container({ defaultScope: 'Singleton' });
  const defaults: RetryPolicy = {
    attempts: config.attempts,
    codes: config.retryCodes,
    minWaitMs: config.minWait,
    maxWaitMs: config.maxWait,
  };
  c.bind(tokens.WorkerConfig).toConstantValue(config);
  c.bind(tokens.QueueBackend).toConstantValue(parts.backend);
  c.bind(tokens.Logger).toConstantValue(parts.logger);
  c.bind(tokens.MetricsRegistry).toConstantValue(parts.registry);
  c.bind(tokens.GatewayUrl).toConstantValue(parts.gatewayUrl ?? gatewayUrl(config));
  c.bind(tokens.InvokeTimeout).toConstantValue(config.upstreamTimeout);
  c.bind(tokens.RetryDefaults).toConstantValue(defaults);
  c.bind(tokens.CallbackRetry).toConstantValue({ ...defaults, attempts: config.callbackAttempts });
  c.bind(tokens.CallbackTimeout).toConstantValue(config.callbackTimeout);
  c.bind(tokens.CallbackPolicy).toConstantValue(config.callbackPolicy);
  c.bind(HttpClient).toSelf();
  c.bind(GatewayInvoker).toSelf();
  c.bind(CallbackSender).toSelf();
  c.bind(WorkerMetrics).toResolvedValue(
    (registry: Registry, backend: QueueBackend) =>
      new WorkerMetrics(registry, (name) => backend.queue(name).depth(), [config.queueName]),
    [tokens.MetricsRegistry, tokens.QueueBackend],
  );
  c.bind(QueueWorkerDeps).toResolvedValue(
    (
      backend: QueueBackend,
      invoker: GatewayInvoker,
      callbacks: CallbackSender,
      metrics: WorkerMetrics,
      logger: Logger,
    ): QueueWorkerDeps => {
      const queue: Queue = backend.queue(config.queueName);
      return {
        queue,
        concurrency: config.concurrency,
        ackDeadlineMs: config.ackWait,
        invoker,
        callbacks,
        deadLetters: backend.deadLetters,
        defaults,
        queueName: queue.name,
        metrics,
        logger: logger.child({ queue: queue.name }),
        ...(parts.random ? { random: parts.random } : {}),
      };
    },
    [tokens.QueueBackend, GatewayInvoker, CallbackSender, WorkerMetrics, tokens.Logger],
  );
  c.bind(QueueWorker).toSelf();
  c.bind(AssembledWorker).toResolvedValue(
    (worker: QueueWorker, http: HttpClient): AssembledWorker => ({ worker, close: () => http.close() }),
    [QueueWorker, HttpClient],
  );
  return c;
}

/**
 * The worker, assembled: the one place its parts are put together, for `main.ts` and for the
 * platform, which runs the worker in its own process next to the gateway and the embedded queue.
 */
export function createQueueWorker(parts: WorkerParts): AssembledWorker {
  return createContainer(parts).get(AssembledWorker);
}
