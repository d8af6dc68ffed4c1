// @faas/queue-worker: takes asynchronous calls off the queue and invokes them through the gateway.
// `src/main.ts` is the process; the platform runs the same parts through createQueueWorker.
export { createQueueWorker } from './create-worker.js';
export type { WorkerParts, AssembledWorker } from './create-worker.js';
export { workerSettings, loadWorkerConfig, gatewayUrl } from './config.js';
export type { WorkerConfig } from './config.js';
export { QueueWorker } from './queue-worker.js';
export type { QueueWorkerDeps } from './queue-worker.js';
export { WorkerMetrics } from './worker-metrics.js';
export type { RetryPolicy } from './retry-policy.js';
