// The stored shapes (QueueMessage, RetryOverrides, DeadLetter) are wire types: they live in
// @faas/contracts, next to the dead-letter routes that return them.
import type { DeadLetter, QueueMessage, RetryOverrides } from '@faas/contracts';

export type { DeadLetter, QueueMessage, RetryOverrides };

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
