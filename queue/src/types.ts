import type { QueueRequest } from '@faas/contracts';

/** Per-function retry settings the gateway copies from the function's annotations at enqueue time. */
export interface RetryOverrides {
  /** Total attempts, the first one included (`com.openfaas.retry.attempts`). */
  attempts?: number;
  /** HTTP statuses worth retrying (`com.openfaas.retry.codes`, e.g. `429,502,503,504`). */
  codes?: number[];
  /** First back-off, milliseconds (`com.openfaas.retry.min_wait`). */
  minWaitMs?: number;
  /** Longest back-off, milliseconds (`com.openfaas.retry.max_wait`). */
  maxWaitMs?: number;
}

/** What a queue stores for one asynchronous call: the request plus how to retry it. */
export interface QueueMessage {
  /** The request as the gateway received it. */
  request: QueueRequest;
  /** The function's own retry settings, when it has any. */
  retry?: RetryOverrides;
}

/** One delivery of a message to a consumer. Exactly one of ack, nak or term should be called. */
export interface Delivery {
  /** The message. */
  readonly message: QueueMessage;
  /** 1 on the first delivery; counts redeliveries after nak, a missed deadline or a crash. */
  readonly attempt: number;
  /** Done: the message is removed. */
  ack(): Promise<void>;
  /** Not done: deliver it again after `delayMs` (0: as soon as possible). */
  nak(delayMs?: number): Promise<void>;
  /** Still working: restart the ack deadline so the message is not redelivered meanwhile. */
  working(): Promise<void>;
  /** Never deliver it again (it was dead-lettered or cannot be processed). */
  term(): Promise<void>;
}

/** Processes one delivery; a delivery left unsettled is redelivered after the ack deadline. */
export type DeliveryHandler = (delivery: Delivery) => Promise<void>;

/** How a consumer pulls. */
export interface ConsumeOptions {
  /** Deliveries in hand at once. */
  concurrency: number;
  /** How long a delivery may stay unsettled (without `working()`) before it is redelivered. */
  ackDeadlineMs: number;
}

/** A running consumer. */
export interface Consumer {
  /** Stops pulling and resolves once every handler in progress has returned. */
  stop(): Promise<void>;
}

/** One named, durable queue. */
export interface Queue {
  /** Its name (`faas-request` unless a function names its own with `com.openfaas.queue`). */
  readonly name: string;
  /** Stores a message; resolves only once it is durable, rejects when the queue is unavailable. */
  publish(message: QueueMessage): Promise<void>;
  /** Starts delivering messages to `handler`. */
  consume(handler: DeliveryHandler, options: ConsumeOptions): Consumer;
  /** Messages stored and not yet acknowledged (waiting, delayed or in hand). */
  depth(): Promise<number>;
}

/** A message that ran out of attempts. */
export interface DeadLetter {
  /** Opaque id within the dead-letter store. */
  id: string;
  /** The queue it came from, and goes back to on re-drive. */
  queue: string;
  /** The message as it was queued. */
  message: QueueMessage;
  /** How many times it was delivered. */
  attempts: number;
  /** Why it failed, in words (`function answered 503`, `connect ECONNREFUSED`). */
  reason: string;
  /** The function's last HTTP status, when it answered at all. */
  status?: number;
  /** When it was dead-lettered, RFC 3339. */
  deadAt: string;
}

/** Where messages that ran out of attempts are kept until someone re-drives or discards them. */
export interface DeadLetterStore {
  /** Stores a dead letter durably; returns its id. */
  add(letter: Omit<DeadLetter, 'id'>): Promise<string>;
  /** Oldest first, at most `limit`. */
  list(limit?: number): Promise<DeadLetter[]>;
  /** One dead letter, or undefined. */
  get(id: string): Promise<DeadLetter | undefined>;
  /** Removes one; false when there was no such id. */
  remove(id: string): Promise<boolean>;
}

/** A queue implementation: named queues plus one dead-letter store. */
export interface QueueBackend {
  /** Which mechanism, for logs (`embedded`, `nats`). */
  readonly kind: string;
  /** The queue with this name, created on first use. */
  queue(name: string): Queue;
  /** The dead-letter store shared by every queue. */
  readonly deadLetters: DeadLetterStore;
  /** Releases files and connections; consumers should be stopped first. */
  close(): Promise<void>;
}
