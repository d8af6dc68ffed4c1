import type { Logger } from '@faas/service-kit';
import { isValidQueueName } from '../annotations.js';
import { closedQueue } from '../closed-queue.js';
import type { Queue, QueueBackend } from '../types.js';
import { NatsLink } from './nats-connection.js';
import { NatsDeadLetters } from './nats-dead-letters.js';
import { NatsQueue } from './nats-queue.js';

/** Options of {@link openNatsBackend}. */
export interface NatsBackendOptions {
  /** `nats://host:port` (several comma-separated). */
  servers: string;
  /** Where connection events go. */
  logger: Logger;
  /** Prefix of stream and subject names (default `faas`); tests use one per case. */
  prefix?: string;
  /** How long a publish may wait for JetStream's acknowledgement (default 5 s). */
  publishTimeoutMs?: number;
  /** The connection's name, as `nats-server` monitoring shows it. */
  connectionName?: string;
}

/**
 * NATS JetStream: per queue a stream `<prefix>-queue-<name>` on subject `<prefix>.queue.<name>`
 * with a durable pull consumer `worker`; dead letters in `<prefix>-dead-letters`. Returns at once:
 * the connection is made (and remade) in the background.
 */
export function openNatsBackend(options: NatsBackendOptions): QueueBackend {
  const prefix = options.prefix ?? 'faas';
  if (!isValidQueueName(prefix)) throw new Error(`invalid stream prefix "${prefix}"`);
  const timeout = options.publishTimeoutMs ?? 5_000;
  const link = new NatsLink(options.servers, options.logger, options.connectionName ?? 'faas');
  const queues = new Map<string, NatsQueue>();
  let closed = false;
  return {
    kind: 'nats',
    deadLetters: new NatsDeadLetters(`${prefix}-dead-letters`, `${prefix}.dead-letters`, link, timeout),
    queue(name: string): Queue {
      if (!isValidQueueName(name)) throw new Error(`invalid queue name "${name}"`);
      if (closed) return closedQueue(name);
      let queue = queues.get(name);
      if (!queue) {
        const names = { stream: `${prefix}-queue-${name}`, subject: `${prefix}.queue.${name}` };
        queue = new NatsQueue(name, names, link, options.logger, timeout);
        queues.set(name, queue);
      }
      return queue;
    },
    async close(): Promise<void> {
      closed = true;
      await link.close();
    },
  };
}
