// The asynchronous calls in numbers, from a scrape of the gateway's /metrics: what the gateway
// accepted per function (gateway_async_requests_total), and, when the queue worker runs in the
// gateway's process (`npm start`), what it did with them and what waits (queue_worker_*).
import { parseSamples } from './prometheus-text.js';

/** One function's async calls since the gateway (and worker) started. */
export interface AsyncFunctionCounts {
  /** Queued: answered 202. */
  accepted: number;
  /** Refused at the door (404, 413, 503, …). */
  refused: number;
  /** Calls the worker made that the function answered below 400 (worker metrics only). */
  succeeded: number;
  /** Calls the worker made that failed: status ≥ 400 or no answer (worker metrics only). */
  failed: number;
  /** Failed attempts put back to be retried (worker metrics only). */
  retried: number;
  /** Calls moved to the dead letters (worker metrics only). */
  deadLettered: number;
}

/** What /metrics says about asynchronous calls. */
export interface AsyncCounts {
  /** Per `function_name` (`name.namespace`). */
  functions: Map<string, AsyncFunctionCounts>;
  /** Per queue: messages stored and not yet acknowledged, and those in hand now. */
  queues: Map<string, { waiting: number; inFlight: number }>;
  /** Whether the worker's own metrics are in this scrape (it runs in the gateway's process). */
  worker: boolean;
}

const zero = (): AsyncFunctionCounts => ({
  accepted: 0,
  refused: 0,
  succeeded: 0,
  failed: 0,
  retried: 0,
  deadLettered: 0,
});

/** Reads the async counts from a /metrics scrape. */
export function parseAsyncCounts(text: string): AsyncCounts {
  const counts: AsyncCounts = { functions: new Map(), queues: new Map(), worker: false };
  const fn = (name: string) => {
    let c = counts.functions.get(name);
    if (!c) counts.functions.set(name, (c = zero()));
    return c;
  };
  const queue = (name: string) => {
    let q = counts.queues.get(name);
    if (!q) counts.queues.set(name, (q = { waiting: 0, inFlight: 0 }));
    return q;
  };
  for (const { name, labels, value } of parseSamples(text)) {
    if (name.startsWith('queue_worker_')) counts.worker = true;
    const f = labels.function_name;
    switch (name) {
      case 'gateway_async_requests_total':
        if (f) fn(f)[labels.code === '202' ? 'accepted' : 'refused'] += value;
        break;
      case 'queue_worker_invocations_total':
        if (f) fn(f)[Number(labels.code) > 0 && Number(labels.code) < 400 ? 'succeeded' : 'failed'] += value;
        break;
      case 'queue_worker_retries_total':
        if (f) fn(f).retried += value;
        break;
      case 'queue_worker_dead_letters_total':
        if (f) fn(f).deadLettered += value;
        break;
      case 'queue_worker_queue_depth':
        if (labels.queue) queue(labels.queue).waiting += value;
        break;
      case 'queue_worker_inflight':
        if (labels.queue) queue(labels.queue).inFlight += value;
        break;
    }
  }
  return counts;
}
