import type { QueueMessage } from './queue.js';

/** A message that ran out of attempts, as `GET /system/async/dead-letters` lists it. */
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

/** The answer of `POST /system/async/dead-letters/{id}/redrive`: the letter is back on its queue. */
export interface RedriveResult {
  /** The dead letter's id (no longer in the store). */
  id: string;
  /** The queue it was put back on, with fresh attempts. */
  queue: string;
  /** The call's id, as in the original `X-Call-Id` (callbacks carry it again). */
  callId: string;
}

/** The answer of `POST /system/async/dead-letters/redrive`: the oldest letters, put back. */
export interface RedriveAllResult {
  /** Ids of the letters put back on their queues, oldest first. */
  redriven: string[];
}
