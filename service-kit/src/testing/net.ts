import { setTimeout as sleep } from 'node:timers/promises';

/** What a probe answers for "not yet" (besides throwing). */
type NotYet = undefined | null | false;

/**
 * Polls `probe` every `everyMs` until it returns a value other than undefined, null or false, and
 * returns it: `until('3 calls', () => calls >= 3)` resolves to `true`. A probe that throws counts
 * as "not yet"; after `ms` the error names `what` and the last failure.
 */
export async function until<T>(
  what: string,
  probe: () => PromiseLike<T> | T,
  ms = 30_000,
  everyMs = 100,
): Promise<Exclude<T, NotYet>> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value as Exclude<T, NotYet>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(everyMs);
  }
}
