import type { QueueBackend } from '@faas/queue';
import type { Logger } from '@faas/service-kit';
import type { Registry } from 'prom-client';
import { CallbackSender } from './callback-sender.js';
import { gatewayUrl, type WorkerConfig } from './config.js';
import { GatewayInvoker } from './function-invoker.js';
import { HttpClient } from './http-client.js';
import { QueueWorker } from './queue-worker.js';
import type { RetryPolicy } from './retry-policy.js';
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

/**
 * The worker's composition root: the one place its parts are put together, for `main.ts` and for
 * the platform, which runs the worker in its own process next to the gateway and the embedded queue.
 */
export function createQueueWorker(parts: WorkerParts): AssembledWorker {
  const { config, backend, logger, registry } = parts;
  const http = new HttpClient();
  const defaults: RetryPolicy = {
    attempts: config.attempts,
    codes: config.retryCodes,
    minWaitMs: config.minWait,
    maxWaitMs: config.maxWait,
  };
  const queue = backend.queue(config.queueName);
  const worker = new QueueWorker({
    queue,
    concurrency: config.concurrency,
    ackDeadlineMs: config.ackWait,
    invoker: new GatewayInvoker(http, parts.gatewayUrl ?? gatewayUrl(config), config.upstreamTimeout),
    callbacks: new CallbackSender(
      http,
      { ...defaults, attempts: config.callbackAttempts },
      config.callbackTimeout,
      config.callbackPolicy,
    ),
    deadLetters: backend.deadLetters,
    defaults,
    queueName: queue.name,
    metrics: new WorkerMetrics(registry, (name) => backend.queue(name).depth(), [queue.name]),
    logger: logger.child({ queue: queue.name }),
    ...(parts.random ? { random: parts.random } : {}),
  });
  return { worker, close: () => http.close() };
}
