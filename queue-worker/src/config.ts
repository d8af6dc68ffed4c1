import { queueSettings } from '@faas/queue';
import { loadConfig, parse, type ConfigOf } from '@faas/service-kit';

function statusList(raw: string): number[] {
  const codes = raw.split(',').map((s) => Number(s.trim()));
  if (!codes.every((c) => Number.isInteger(c) && c >= 100 && c <= 599)) {
    throw new Error(`"${raw}" is not a list of HTTP statuses, use e.g. 429,502,503,504`);
  }
  return codes;
}

/** The queue worker's settings (OpenFaaS queue-worker names where they exist), queue settings included. */
export const workerSettings = {
  ...queueSettings,
  gatewayAddress: {
    env: 'faas_gateway_address',
    description: 'Gateway host name, or a full `http://host:port` URL.',
    parse: parse.string,
    default: '127.0.0.1',
  },
  gatewayPort: {
    env: 'faas_gateway_port',
    description: 'Gateway port, when `faas_gateway_address` is a host name.',
    parse: parse.integer(1, 65535),
    default: 8080,
  },
  concurrency: {
    env: 'max_inflight',
    description: 'Calls processed at once.',
    parse: parse.integer(1, 1000),
    default: 10,
  },
  ackWait: {
    env: 'ack_wait',
    description:
      'Ack deadline: a message in hand is redelivered after this long without a heartbeat (sent every third of it).',
    parse: parse.duration,
    default: 30_000,
    defaultText: '30s',
  },
  upstreamTimeout: {
    env: 'upstream_timeout',
    description: 'Longest wait for a function (through the gateway) before the attempt counts as failed.',
    parse: parse.duration,
    default: 300_000,
    defaultText: '5m',
  },
  attempts: {
    env: 'max_retry_attempts',
    description:
      'Attempts per call, the first included (a function overrides with `com.openfaas.retry.attempts`).',
    parse: parse.integer(1, 100),
    default: 5,
  },
  minWait: {
    env: 'initial_retry_wait',
    description: 'Back-off before the second attempt; doubles each time, with jitter.',
    parse: parse.duration,
    default: 1_000,
    defaultText: '1s',
  },
  maxWait: {
    env: 'max_retry_wait',
    description: 'Longest back-off between attempts.',
    parse: parse.duration,
    default: 60_000,
    defaultText: '1m',
  },
  retryCodes: {
    env: 'retry_http_codes',
    description: 'Function statuses that are retried (transport errors always are).',
    parse: statusList,
    default: [429, 502, 503, 504],
    defaultText: '429,502,503,504',
  },
  callbackAttempts: {
    env: 'callback_attempts',
    description: 'Attempts to deliver each callback (transport errors, 429 and 5xx are retried).',
    parse: parse.integer(1, 100),
    default: 5,
  },
  callbackTimeout: {
    env: 'callback_timeout',
    description: 'Longest wait for the callback receiver per attempt.',
    parse: parse.duration,
    default: 10_000,
    defaultText: '10s',
  },
  shutdownTimeout: {
    env: 'shutdown_timeout',
    description: 'On SIGTERM, how long jobs in hand may finish before they are put back on the queue.',
    parse: parse.duration,
    default: 30_000,
    defaultText: '30s',
  },
  port: {
    env: 'port',
    description: 'Port of `/metrics` and `/healthz`.',
    parse: parse.integer(0, 65535),
    default: 8081,
  },
  logLevel: {
    env: 'log_level',
    description: '`debug`, `info`, `warn` or `error`.',
    parse: parse.oneOf(['debug', 'info', 'warn', 'error'] as const),
    default: 'info' as 'debug' | 'info' | 'warn' | 'error',
  },
};

/** The worker's parsed, frozen configuration. */
export type WorkerConfig = ConfigOf<typeof workerSettings>;

/** Reads the worker's configuration from an environment map; every bad value at once. */
export function loadWorkerConfig(env: Record<string, string | undefined>): WorkerConfig {
  return loadConfig(workerSettings, env);
}

/** The gateway base URL the settings describe. */
export function gatewayUrl(config: Pick<WorkerConfig, 'gatewayAddress' | 'gatewayPort'>): string {
  return config.gatewayAddress.includes('://')
    ? config.gatewayAddress.replace(/\/$/, '')
    : `http://${config.gatewayAddress}:${config.gatewayPort}`;
}
