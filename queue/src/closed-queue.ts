import type { Queue } from './types.js';

/** What a closed backend hands out: every operation fails, so callers answer 503 instead of hanging. */
export function closedQueue(name: string): Queue {
  const closed = (): Error => new Error(`queue ${name} is closed`);
  return {
    name,
    publish: () => Promise.reject(closed()),
    depth: () => Promise.reject(closed()),
    consume: () => {
      throw closed();
    },
  };
}
