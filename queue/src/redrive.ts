import type { DeadLetter, QueueBackend } from './types.js';

/**
 * Puts a dead letter back on its queue as a fresh message (attempts start again), then removes it
 * from the store. Publish comes first: a failure in between leaves a duplicate, never a loss.
 * Resolves to the letter, or undefined when there is no such id.
 */
export async function redrive(backend: QueueBackend, id: string): Promise<DeadLetter | undefined> {
  const letter = await backend.deadLetters.get(id);
  if (!letter) return undefined;
  await backend.queue(letter.queue).publish(letter.message);
  await backend.deadLetters.remove(id);
  return letter;
}
