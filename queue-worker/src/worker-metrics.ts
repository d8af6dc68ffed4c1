import { HEADERS } from '@faas/contracts';
import { removeFunctionSeries } from '@faas/service-kit';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The worker's metrics, registered on the registry it is given (its own `/metrics`, or the
 * gateway's when the platform runs both in one process). `function_name` is `name.namespace`.
 */
export class WorkerMetrics {
  /** Messages waiting, delayed or in hand, per queue (read from the queue at scrape time). */
  readonly depth: Gauge<'queue'>;
  /** Deliveries being processed now. */
  readonly inFlight: Gauge<'queue'>;
  /** Function calls the worker made, by the function's status (`error`: no answer). */
  readonly invocations: Counter<'function_name' | 'code'>;
  /** Attempts that failed with a retryable outcome and were put back with a back-off. */
  readonly retries: Counter<'function_name'>;
  /** Messages moved to the dead-letter store. */
  readonly deadLetters: Counter<'function_name'>;
  /** Callbacks that could not be delivered after every callback attempt. */
  readonly callbackFailures: Counter<'function_name'>;
  /** Seconds per function call. */
  readonly seconds: Histogram<'function_name'>;

  constructor(private readonly registry: Registry, depthOf: (queue: string) => Promise<number>, queues: readonly string[]) {
    const registers = [registry];
    this.depth = new Gauge({
      name: 'queue_worker_queue_depth',
      help: 'Messages stored and not yet acknowledged, per queue.',
      labelNames: ['queue'],
      registers,
      async collect() {
        for (const queue of queues) {
          const depth = await depthOf(queue).catch(() => undefined);
          if (depth !== undefined) this.set({ queue }, depth);
        }
      },
    });
    this.inFlight = new Gauge({
      name: 'queue_worker_inflight',
      help: 'Asynchronous calls being processed now.',
      labelNames: ['queue'],
      registers,
    });
    this.invocations = new Counter({
      name: 'queue_worker_invocations_total',
      help: 'Function calls made by the queue worker, by status (error: no answer).',
      labelNames: ['function_name', 'code'],
      registers,
    });
    this.retries = new Counter({
      name: 'queue_worker_retries_total',
      help: 'Failed attempts put back on the queue to be retried.',
      labelNames: ['function_name'],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'queue_worker_dead_letters_total',
      help: 'Calls moved to the dead-letter store after their last attempt.',
      labelNames: ['function_name'],
      registers,
    });
    this.callbackFailures = new Counter({
      name: 'queue_worker_callback_failures_total',
      help: 'Callbacks not delivered after every callback attempt.',
      labelNames: ['function_name'],
      registers,
    });
    this.seconds = new Histogram({
      name: 'queue_worker_function_seconds',
      help: 'Seconds per function call made by the queue worker.',
      labelNames: ['function_name'],
      registers,
    });
  }

  /**
   * Drops `functionName`'s series when the gateway answered a call with its own 404 (the function
   * does not exist, deleted since the call was queued), by the rule the gateway drops its own with.
   * A separate worker holds no credentials to list functions: the gateway's answer is what it learns
   * a deletion from. Returns whether it did.
   */
  async forgetIfGone(
    functionName: string,
    answer: { status: number; headers: Record<string, string[] | undefined> },
  ): Promise<boolean> {
    if (answer.status !== 404 || answer.headers[HEADERS.internal.toLowerCase()]?.[0] !== 'gateway') return false;
    await removeFunctionSeries(this.registry, (name) => name === functionName);
    return true;
  }
}
