import type { Router } from 'express';
import { FaasError } from '@faas/contracts';
import { redrive } from '../redrive.js';
import type { QueueBackend } from '../types.js';

/** The base path of the dead-letter routes (behind the gateway's basic auth, like all of `/system`). */
export const DEAD_LETTERS_PATH = '/system/async/dead-letters';

function limitOf(raw: unknown): number {
  if (raw === undefined) return 100;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new FaasError('INVALID_REQUEST', 'limit must be a whole number from 1 to 1000.');
  }
  return n;
}

/** Runs a store operation; a store that cannot be reached is 503, not 500. */
async function store<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw new FaasError('UNAVAILABLE', `Queue unavailable: ${(err as Error).message}.`);
  }
}

function notFound(id: string): FaasError {
  return new FaasError('NOT_FOUND', `No dead letter with id ${id}.`);
}

/**
 * - `GET    /system/async/dead-letters[?limit=]`           200 `DeadLetter[]`, oldest first (default 100, max 1000)
 * - `GET    /system/async/dead-letters/{id}`               200 `DeadLetter` | 404
 * - `POST   /system/async/dead-letters/{id}/redrive`       202 `{id, queue, callId}` | 404
 * - `POST   /system/async/dead-letters/redrive[?limit=]`   202 `{redriven: [ids]}`: every listed one
 * - `DELETE /system/async/dead-letters/{id}`               202 | 404: discard without running
 */
export function registerDeadLetterRoutes(router: Router, backend: QueueBackend): void {
  const letters = backend.deadLetters;
  router.get(DEAD_LETTERS_PATH, async (req, res) => {
    const limit = limitOf(req.query.limit);
    res.json(await store(() => letters.list(limit)));
  });
  router.post(`${DEAD_LETTERS_PATH}/redrive`, async (req, res) => {
    const limit = limitOf(req.query.limit);
    const redriven: string[] = [];
    for (const letter of await store(() => letters.list(limit))) {
      if (await store(() => redrive(backend, letter.id))) redriven.push(letter.id);
    }
    res.status(202).json({ redriven });
  });
  router.get(`${DEAD_LETTERS_PATH}/:id`, async (req, res) => {
    const letter = await store(() => letters.get(req.params.id));
    if (!letter) throw notFound(req.params.id);
    res.json(letter);
  });
  router.post(`${DEAD_LETTERS_PATH}/:id/redrive`, async (req, res) => {
    const letter = await store(() => redrive(backend, req.params.id));
    if (!letter) throw notFound(req.params.id);
    res.status(202).json({ id: letter.id, queue: letter.queue, callId: letter.message.request.callId });
  });
  router.delete(`${DEAD_LETTERS_PATH}/:id`, async (req, res) => {
    if (!(await store(() => letters.remove(req.params.id)))) throw notFound(req.params.id);
    res.status(202).end();
  });
}
