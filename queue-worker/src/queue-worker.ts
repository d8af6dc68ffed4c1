import { setMaxListeners } from 'node:events';
import { inject, injectable } from 'inversify';
import type { Consumer, Delivery, Queue } from '@faas/queue';
import type { Logger } from '@faas/service-kit';
import { runJob, type JobDeps } from './job.js';

/** What a worker needs besides the job's own dependencies. */
export interface QueueWorkerDeps extends JobDeps {
  /** The queue it serves. */
  queue: Queue;
  /** Deliveries in hand at once (`max_inflight`). */
  concurrency: number;
}
/** The injection token of {@link QueueWorkerDeps}. */
export const QueueWorkerDeps = Symbol('QueueWorkerDeps');

/**
 * Pulls from one queue with bounded concurrency and runs each delivery as a job. `stop` stops
 * pulling and lets the jobs in hand finish; after the grace period it aborts them, which puts
 * their messages straight back on the queue. Nothing in hand is lost either way.
 */
@injectable()
export class QueueWorker {
  private consumer?: Consumer;
  private readonly shutdown = new AbortController();
  private readonly logger: Logger;

  constructor(@inject(QueueWorkerDeps) private readonly deps: QueueWorkerDeps) {
    this.logger = deps.logger;
    // Every request in hand listens on the one shutdown signal.
    setMaxListeners(0, this.shutdown.signal);
  }

  /** Starts pulling. */
  start(): void {
    if (this.consumer) return;
    const { queue, concurrency, ackDeadlineMs } = this.deps;
    this.consumer = queue.consume((delivery) => this.handle(delivery), { concurrency, ackDeadlineMs });
    this.logger.info('queue worker started', { concurrency, ackDeadlineMs });
  }

  /** Stops pulling; waits for jobs in hand up to `graceMs`, then interrupts them. */
  async stop(graceMs: number): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    this.consumer = undefined;
    const timer = setTimeout(() => {
      this.logger.warn('grace period over, interrupting jobs in hand', { graceMs });
      this.shutdown.abort();
    }, graceMs);
    try {
      await consumer.stop();
    } finally {
      clearTimeout(timer);
    }
    this.logger.info('queue worker stopped');
  }

  private async handle(delivery: Delivery): Promise<void> {
    const queue = this.deps.queue.name;
    this.deps.metrics.inFlight.inc({ queue });
    try {
      await runJob(delivery, this.deps, this.shutdown.signal);
    } catch (err) {
      // Dead-letter store or queue trouble: try again later (counts as an attempt).
      this.logger.error('job failed, will retry', {
        callId: delivery.message.request.callId,
        error: (err as Error).message,
      });
      await delivery.nak(this.deps.defaults.minWaitMs).catch(() => undefined);
    } finally {
      this.deps.metrics.inFlight.dec({ queue });
    }
  }
}
