import { randomUUID } from 'node:crypto';
import type { QueueRequest } from '@faas/contracts';
import type { QueueMessage } from '../types.js';

/** A queue message for tests; `body` is text, stored base64 like the gateway does. */
export function sampleMessage(
  overrides: Partial<Omit<QueueRequest, 'body'>> & { body?: string } = {},
  retry?: QueueMessage['retry'],
): QueueMessage {
  const { body = 'hello', ...rest } = overrides;
  const request: QueueRequest = {
    callId: randomUUID(),
    function: 'echo',
    namespace: 'openfaas-fn',
    method: 'POST',
    path: '',
    query: '',
    headers: { 'content-type': ['text/plain'] },
    enqueuedAt: new Date().toISOString(),
    ...rest,
    body: Buffer.from(body).toString('base64'),
  };
  return retry ? { request, retry } : { request };
}
