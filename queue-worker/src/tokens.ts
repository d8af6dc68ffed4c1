// Injection tokens: each is a Symbol with the same name as the type it stands for (the Theia
// convention, docs/architecture.md "Composition"). Classes are their own tokens.
import type * as queue from '@faas/queue';
import type * as kit from '@faas/service-kit';
import type * as prom from 'prom-client';
import type * as config from './config.js';
import type * as retry from './retry-policy.js';

/** The worker's parsed settings. */
export const WorkerConfig = Symbol('WorkerConfig');
export type WorkerConfig = config.WorkerConfig;
/** The open queue backend (the worker does not close it). */
export const QueueBackend = Symbol('QueueBackend');
export type QueueBackend = queue.QueueBackend;
/** The process logger. */
export const Logger = Symbol('Logger');
export type Logger = kit.Logger;
/** Where the worker's metrics go: its own registry, or the gateway's in the platform. */
export const MetricsRegistry = Symbol('MetricsRegistry');
export type MetricsRegistry = prom.Registry;
/** The gateway the worker invokes functions through. */
export const GatewayUrl = Symbol('GatewayUrl');
export type GatewayUrl = string;
/** How long an invocation may take, ms (`upstream_timeout`). */
export const InvokeTimeout = Symbol('InvokeTimeout');
export type InvokeTimeout = number;
/** The retry policy of invocations (`max_retry_attempts`, `retry_http_codes`, waits). */
export const RetryDefaults = Symbol('RetryDefaults');
export type RetryDefaults = retry.RetryPolicy;
/** The retry policy of callbacks. */
export const CallbackRetry = Symbol('CallbackRetry');
export type CallbackRetry = retry.RetryPolicy;
/** How long one callback attempt may take, ms. */
export const CallbackTimeout = Symbol('CallbackTimeout');
export type CallbackTimeout = number;
/** Where callbacks may go (`callback_allowed_hosts`). */
export const CallbackPolicy = Symbol('CallbackPolicy');
export type CallbackPolicy = queue.CallbackPolicy;
/** Jitter source of the retry waits (tests pin it). */
export const Random = Symbol('Random');
export type Random = () => number;
