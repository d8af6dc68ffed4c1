import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lockDir } from '@faas/service-kit/dir-lock';
import type { Logger } from '@faas/service-kit';
import { isValidQueueName } from '../annotations.js';
import { closedQueue } from '../closed-queue.js';
import type { Queue, QueueBackend } from '../types.js';
import { EmbeddedDeadLetters } from './embedded-dead-letters.js';
import { EmbeddedQueue } from './embedded-queue.js';

/** Options of {@link openEmbeddedBackend}. */
export interface EmbeddedBackendOptions {
  /** The data directory (`queue_data_dir`, default `./.faas/queue`). */
  dir: string;
  /** Where warnings go. */
  logger: Logger;
  /** Compact a queue's log once it is this big and mostly acknowledged (default 4 MiB). */
  compactAtBytes?: number;
  /** Most bytes of calls one queue holds (they wait in memory); past it a publish fails (0: no cap). */
  maxBytes?: number;
}

/**
 * The local default: queues as append-only files under one directory, owned by one process (the
 * platform runs the gateway and the worker together). Layout: `queues/<name>.log`,
 * `dead-letters.log`, `LOCK`.
 */
export async function openEmbeddedBackend(options: EmbeddedBackendOptions): Promise<QueueBackend> {
  // Private: queued calls hold callers' bodies and headers (directories an older version made 0755 too).
  await mkdir(join(options.dir, 'queues'), { recursive: true, mode: 0o700 });
  await chmod(options.dir, 0o700);
  await chmod(join(options.dir, 'queues'), 0o700);
  const unlock = await lockDir(
    options.dir,
    (owner) =>
      `the queue directory ${options.dir} is in use by process ${owner}; the embedded queue serves one process (use NATS to share a queue)`,
  );
  let deadLetters: EmbeddedDeadLetters;
  try {
    deadLetters = await EmbeddedDeadLetters.open(join(options.dir, 'dead-letters.log'));
  } catch (err) {
    await unlock();
    throw err;
  }
  const queues = new Map<string, EmbeddedQueue>();
  let closed = false;
  return {
    kind: 'embedded',
    deadLetters,
    queue(name: string): Queue {
      if (!isValidQueueName(name)) throw new Error(`invalid queue name "${name}"`);
      if (closed) return closedQueue(name);
      let queue = queues.get(name);
      if (!queue) {
        queue = new EmbeddedQueue(
          name,
          join(options.dir, 'queues', `${name}.log`),
          options.logger,
          options.compactAtBytes,
          options.maxBytes,
        );
        queues.set(name, queue);
      }
      return queue;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.all([...queues.values()].map((q) => q.close()));
      await deadLetters.close();
      await unlock();
    },
  };
}
