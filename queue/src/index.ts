// @faas/queue: the durable queue behind asynchronous invocation. One small interface, two
// backends (NATS JetStream for deployments, an embedded file-backed queue for `npm start`).
export type {
  QueueMessage,
  RetryOverrides,
  Delivery,
  DeliveryHandler,
  ConsumeOptions,
  Consumer,
  Queue,
  DeadLetter,
  DeadLetterStore,
  QueueBackend,
} from './types.js';
export {
  DEFAULT_QUEUE_NAME,
  QUEUE_ANNOTATION,
  RETRY_ANNOTATIONS,
  isValidQueueName,
  queueNameOf,
  retryOverridesOf,
} from './annotations.js';
export type { Annotations } from './annotations.js';
export { openEmbeddedBackend } from './embedded/embedded-backend.js';
export type { EmbeddedBackendOptions } from './embedded/embedded-backend.js';
export { redrive } from './redrive.js';
export { CallbackPolicy, CALLBACK_REFUSED, parseCallbackPolicy } from './callback-policy.js';
export { openNatsBackend } from './nats/nats-backend.js';
export type { NatsBackendOptions } from './nats/nats-backend.js';
export { queueSettings, openQueueBackend, natsUrl } from './config.js';
export type { QueueConfig } from './config.js';
