import { parse, type ConfigOf, type Logger } from '@faas/service-kit';
import { DEFAULT_QUEUE_NAME, isValidQueueName } from './annotations.js';
import { CallbackPolicy, parseCallbackPolicy } from './callback-policy.js';
import { openEmbeddedBackend } from './embedded/embedded-backend.js';
import { openNatsBackend } from './nats/nats-backend.js';
import type { QueueBackend } from './types.js';

function queueName(raw: string): string {
  const name = raw.trim();
  if (!isValidQueueName(name)) throw new Error(`"${raw}" is not a queue name, use letters, digits, - and _`);
  return name;
}

/**
 * Queue settings shared by the gateway (publisher) and the queue worker (consumer): spread them
 * into the process's own table so each process still has one `loadConfig(env)`. The NATS names
 * are OpenFaaS's.
 */
export const queueSettings = {
  backend: {
    env: 'queue_backend',
    description: '`embedded` (files under `queue_data_dir`, one process) or `nats` (NATS JetStream).',
    parse: parse.oneOf(['embedded', 'nats'] as const),
    default: 'embedded' as 'embedded' | 'nats',
  },
  dataDir: {
    env: 'queue_data_dir',
    description: 'Directory of the embedded queue.',
    parse: parse.string,
    default: '.faas/queue',
  },
  maxBytes: {
    env: 'queue_max_bytes',
    description:
      'Embedded queue: the most bytes of calls one queue holds (they wait in memory until done); an async call past it is 503. `0` means no cap.',
    parse: parse.byteSize,
    default: 256 * 1024 ** 2,
    defaultText: '256Mi',
  },
  natsAddress: {
    env: 'faas_nats_address',
    description: 'NATS host name, or a full `nats://host:port` URL.',
    parse: parse.string,
    default: '127.0.0.1',
  },
  natsPort: {
    env: 'faas_nats_port',
    description: 'NATS client port, when `faas_nats_address` is a host name.',
    parse: parse.integer(1, 65535),
    default: 4222,
  },
  queueName: {
    env: 'faas_nats_channel',
    description: 'The default queue (functions may name another with `com.openfaas.queue`).',
    parse: queueName,
    default: DEFAULT_QUEUE_NAME,
  },
  callbackPolicy: {
    env: 'callback_allowed_hosts',
    description:
      'Where `X-Callback-Url` may point: comma-separated host names (`*.example.com` too), IP addresses and CIDRs. `*` is any address but loopback, link-local (cloud metadata) and unspecified ones, which only an entry naming them allows (e.g. `*,127.0.0.1` for a receiver on this host). Checked when a call is queued (400) and again for every address the name resolves to when the callback is sent.',
    parse: parseCallbackPolicy,
    default: new CallbackPolicy('*'),
    defaultText: '*',
  },
  publishTimeout: {
    env: 'queue_publish_timeout',
    description: 'How long a publish may wait for the queue to confirm before the caller gets 503.',
    parse: parse.duration,
    default: 5_000,
    defaultText: '5s',
  },
};

/** The parsed queue settings. */
export type QueueConfig = ConfigOf<typeof queueSettings>;

/** The NATS URL the settings describe. */
export function natsUrl(config: Pick<QueueConfig, 'natsAddress' | 'natsPort'>): string {
  return config.natsAddress.includes('://')
    ? config.natsAddress
    : `nats://${config.natsAddress}:${config.natsPort}`;
}

/** Opens the backend the settings choose. */
export async function openQueueBackend(
  config: QueueConfig,
  logger: Logger,
  connectionName = 'faas',
): Promise<QueueBackend> {
  if (config.backend === 'nats') {
    return openNatsBackend({
      servers: natsUrl(config),
      logger,
      publishTimeoutMs: config.publishTimeout,
      connectionName,
    });
  }
  return openEmbeddedBackend({ dir: config.dataDir, logger, maxBytes: config.maxBytes });
}
